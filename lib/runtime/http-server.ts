import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { clientAddressHeader } from "@/lib/http/client-address";

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

export interface AppServerOptions {
  /** Behind the operator's own proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** How many trusted proxies append to X-Forwarded-For; the client is the entry this far from the end. */
  proxyHops?: number;
  /** The dashboard's public URL (NEXTAUTH_URL): its host is accepted as a server action's Origin; https turns on HSTS. */
  publicUrl?: string;
}

/**
 * The client's address: the socket's, or behind trusted proxies the X-Forwarded-For entry the nearest trusted proxy
 * appended (counting from the end, where proxies append), never the first, which the client itself can write.
 */
export function clientAddressOf(
  request: Pick<IncomingMessage, "headers" | "socket">,
  options: Pick<AppServerOptions, "trustProxy" | "proxyHops">,
): string {
  const socketAddress = request.socket.remoteAddress?.replace(/^::ffff:/, "") || "unknown";
  const forwarded = request.headers["x-forwarded-for"];
  if (!options.trustProxy || typeof forwarded !== "string") return socketAddress;
  const entries = forwarded
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.at(-(options.proxyHops ?? 1)) ?? socketAddress;
}

/** A server action posted from another site: refused here with 403 instead of failing inside Next.js with a 500. */
function isForeignServerAction(request: IncomingMessage, publicHost: string | undefined): boolean {
  if (request.method !== "POST" || !request.headers["next-action"]) return false;
  const origin = request.headers.origin;
  if (!origin) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  return originHost !== request.headers.host && originHost !== publicHost;
}

/**
 * The app's HTTP server. It stamps each request with the client's address (overwriting any value the client sent,
 * so audit rows can rely on it), drops a client-sent X-Forwarded-Host (Next.js would trust it for redirects and the
 * server action origin check), refuses foreign server actions, and adds HSTS when the public URL is https.
 */
export function createAppServer(handle: Handler, options: AppServerOptions): Server {
  const publicUrl = options.publicUrl ? new URL(options.publicUrl) : undefined;
  const hsts = publicUrl?.protocol === "https:";
  return createServer((request, response) => {
    request.headers[clientAddressHeader] = clientAddressOf(request, options);
    delete request.headers["x-forwarded-host"];
    if (hsts) response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    if (isForeignServerAction(request, publicUrl?.host)) {
      response.writeHead(403, { "Content-Type": "application/json" });
      response.end(
        JSON.stringify({ code: "forbidden", error: "This request came from another site and was refused." }),
      );
      return;
    }
    void Promise.resolve(handle(request, response)).catch((error: unknown) => {
      console.error("Unhandled request error", error);
      if (!response.headersSent) {
        response.statusCode = 500;
        response.end("Internal error");
      }
    });
  });
}
