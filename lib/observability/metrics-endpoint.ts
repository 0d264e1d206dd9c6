import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { metricsRegistry } from "./metrics";

export const METRICS_PATH = "/metrics";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Compares the bearer token with the configured one in constant time (digests of equal length). */
function bearerMatches(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer (.+)$/i.exec(authorization ?? "")?.[1] ?? "";
  return timingSafeEqual(digest(presented), digest(token));
}

/**
 * GET /metrics in the Prometheus text format, only for `Authorization: Bearer <METRICS_TOKEN>`. Without a configured
 * token the path does not exist (a bare 404); a missing or wrong token gets 401.
 */
export async function answerMetrics(
  request: IncomingMessage,
  response: ServerResponse,
  token: string | undefined,
): Promise<void> {
  if (!token) {
    response.writeHead(404, { "Content-Length": "0" }).end();
    return;
  }
  if (!bearerMatches(request.headers.authorization, token)) {
    response.writeHead(401, { "WWW-Authenticate": 'Bearer realm="metrics"', "Content-Length": "0" }).end();
    return;
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { Allow: "GET, HEAD", "Content-Length": "0" }).end();
    return;
  }
  const registry = metricsRegistry();
  const body = await registry.metrics();
  response.writeHead(200, { "Content-Type": registry.contentType, "Cache-Control": "no-store" });
  response.end(request.method === "HEAD" ? undefined : body);
}

export const isMetricsRequest = (request: IncomingMessage) => (request.url ?? "").split("?")[0] === METRICS_PATH;
