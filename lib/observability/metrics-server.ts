import { createServer, type Server } from "node:http";
import { answerMetrics, isMetricsRequest } from "./metrics-endpoint";

/**
 * A server of /metrics alone, for processes without the dashboard's HTTP server (`npm run worker` with METRICS_PORT).
 * The same rule as the dashboard's: only with the bearer token; every other path is 404.
 */
export async function startMetricsServer(options: { port: number; host: string; token: string }): Promise<Server> {
  const server = createServer((request, response) => {
    if (!isMetricsRequest(request)) {
      response.writeHead(404, { "Content-Length": "0" }).end();
      return;
    }
    answerMetrics(request, response, options.token).catch(() => {
      if (!response.headersSent) response.writeHead(500, { "Content-Length": "0" });
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  return server;
}
