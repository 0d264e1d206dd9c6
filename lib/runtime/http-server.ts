import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { clientAddressHeader } from "@/lib/http/client-address";
import { answerMetrics, isMetricsRequest, METRICS_PATH } from "@/lib/observability/metrics-endpoint";
import { recordHttpRequest } from "@/lib/observability/metrics";
import { log, withLogContext } from "@/lib/observability/logger";
import { REQUEST_ID_HEADER, requestIdOf } from "@/lib/observability/request-id";
import { readServerActionBody, replayed, SERVER_ACTION_BODY_LIMIT } from "./server-action-body";

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

export interface AppServerOptions {
  /** Behind the operator's own proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** How many trusted proxies append to X-Forwarded-For; the client is the entry this far from the end. */
  proxyHops?: number;
  /** The dashboard's public URL (NEXTAUTH_URL): its host is accepted as a server action's Origin; https turns on HSTS. */
  publicUrl?: string;
  /** METRICS_TOKEN: /metrics answers only a request bearing it; unset, /metrics does not exist (404). */
  metricsToken?: string;
  /** The route pattern a path reaches ("/tenants/[id]"), the label of the request metrics; default "other". */
  routeOf?: (path: string) => string;
}

const knownMethods = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * Times every request, counts it under its route pattern and final status once the response is finished, and logs it
 * (by route pattern, never the raw URL, whose query may carry anything; Next.js's own assets only at debug level).
 */
function measure(request: IncomingMessage, response: ServerResponse, routeOf: (path: string) => string): void {
  const started = process.hrtime.bigint();
  const logger = log();
  response.once("close", () => {
    const method = knownMethods.has(request.method ?? "") ? request.method! : "other";
    const route = isMetricsRequest(request) ? METRICS_PATH : routeOf(request.url ?? "/");
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    recordHttpRequest({ method, route, status: response.statusCode, seconds });
    const line = { method, route, status: response.statusCode, durationMs: Math.round(seconds * 1000) };
    if (route.startsWith("/_next/")) logger.debug(line, "request");
    else logger.info(line, "request");
  });
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

const isServerAction = (request: IncomingMessage) =>
  request.method === "POST" && Boolean(request.headers["next-action"]);

/** A server action posted from another site: refused here with 403 instead of failing inside Next.js with a 500. */
function isForeignServerAction(request: IncomingMessage, publicHost: string | undefined): boolean {
  if (!isServerAction(request)) return false;
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

function answerJson(response: ServerResponse, status: number, body: { code: string; error: string }): void {
  response.writeHead(status, { "Content-Type": "application/json", Connection: "close" });
  response.end(JSON.stringify(body));
}

/** A server action's body is read and checked first; a malformed one is answered here, and Next.js reads a replay. */
async function checkedServerAction(request: IncomingMessage, response: ServerResponse) {
  const read = await readServerActionBody(request, SERVER_ACTION_BODY_LIMIT);
  if (read.ok) return replayed(request, read.body);
  answerJson(response, read.status, { code: read.code, error: read.error });
  return null;
}

/**
 * The app's HTTP server. It stamps each request with the client's address (overwriting any value the client sent,
 * so audit rows can rely on it), drops a client-sent X-Forwarded-Host (Next.js would trust it for redirects and the
 * server action origin check), refuses foreign server actions, and adds HSTS when the public URL is https. Each
 * request gets an id (X-Request-Id, a caller's safe one kept) that its log lines carry, and is measured for /metrics,
 * which this server answers itself.
 */
export function createAppServer(handle: Handler, options: AppServerOptions): Server {
  const publicUrl = options.publicUrl ? new URL(options.publicUrl) : undefined;
  const hsts = publicUrl?.protocol === "https:";
  const routeOf = options.routeOf ?? (() => "other");
  const serve = (request: IncomingMessage, response: ServerResponse) => {
    measure(request, response, routeOf);
    request.headers[clientAddressHeader] = clientAddressOf(request, options);
    delete request.headers["x-forwarded-host"];
    if (hsts) response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    if (isForeignServerAction(request, publicUrl?.host)) {
      answerJson(response, 403, { code: "forbidden", error: "This request came from another site and was refused." });
      return;
    }
    const handled = async () => {
      if (isMetricsRequest(request)) return answerMetrics(request, response, options.metricsToken);
      const checked = isServerAction(request) ? await checkedServerAction(request, response) : request;
      if (checked) await handle(checked, response);
    };
    handled().catch((error: unknown) => {
      log().error({ err: error }, "unhandled request error");
      if (!response.headersSent) {
        response.statusCode = 500;
        response.end("Internal error");
      }
    });
  };
  return createServer((request, response) => {
    const requestId = requestIdOf(request);
    request.headers[REQUEST_ID_HEADER] = requestId;
    response.setHeader("X-Request-Id", requestId);
    withLogContext({ requestId }, () => serve(request, response));
  });
}
