import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { clientAddressHeader } from "@/lib/http/client-address";

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

/**
 * The app's HTTP server. It stamps each request with the client's address from the socket (or, behind a trusted
 * proxy, the first X-Forwarded-For entry), overwriting any value the client sent, so audit rows can rely on it.
 */
export function createAppServer(handle: Handler, options: { trustProxy: boolean }): Server {
  return createServer((request, response) => {
    const forwarded = request.headers["x-forwarded-for"];
    const fromProxy = options.trustProxy && typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
    request.headers[clientAddressHeader] = fromProxy || request.socket.remoteAddress?.replace(/^::ffff:/, "") || "unknown";
    void Promise.resolve(handle(request, response)).catch((error: unknown) => {
      console.error("Unhandled request error", error);
      if (!response.headersSent) {
        response.statusCode = 500;
        response.end("Internal error");
      }
    });
  });
}
