import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isTimeout, neverSent, sendOutbound } from "./outbound-request";

let server: Server;
let base: string;
const seen: { method?: string; headers: IncomingMessage["headers"]; body: string }[] = [];

function answer(request: IncomingMessage, response: ServerResponse, body: string) {
  seen.push({ method: request.method, headers: request.headers, body });
  if (request.url === "/slow") return void setTimeout(() => response.end("late"), 2_000);
  if (request.url === "/moved") {
    response.writeHead(302, { location: "/elsewhere" });
    return void response.end();
  }
  response.setHeader("Set-Cookie", ["a=1; Path=/", "b=2; Path=/"]);
  response.setHeader("Inin-Correlation-Id", "c-1");
  response.writeHead(201, { "content-type": "application/json" });
  response.end(JSON.stringify({ echoed: body }));
}

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => answer(request, response, body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("sendOutbound", () => {
  it("sends the method, headers and body, and returns the status, the headers by any case and the whole body", async () => {
    const result = await sendOutbound(`${base}/things`, {
      method: "POST",
      headers: { Authorization: "Bearer t", "Content-Type": "application/json" },
      body: '{"a":1}',
      timeoutMs: 5_000,
    });
    expect(seen.at(-1)).toMatchObject({ method: "POST", body: '{"a":1}', headers: { authorization: "Bearer t" } });
    expect(result.status).toBe(201);
    expect(result.ok).toBe(true);
    expect(result.headers.get("ININ-correlation-id")).toBe("c-1");
    expect(result.headers.get("retry-after")).toBeNull();
    expect(result.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(JSON.parse(result.text)).toEqual({ echoed: '{"a":1}' });
  });

  it("never follows a redirect, so credentials reach only the host they were meant for", async () => {
    const result = await sendOutbound(`${base}/moved`, {
      method: "GET",
      headers: { Authorization: "Bearer secret" },
      timeoutMs: 5_000,
    });
    expect(result.status).toBe(302);
    expect(result.ok).toBe(false);
    expect(seen.filter((request) => request.headers.authorization === "Bearer secret")).toHaveLength(1);
  });

  it("gives up after timeoutMs with an error named TimeoutError", async () => {
    const error = await sendOutbound(`${base}/slow`, { method: "GET", headers: {}, timeoutMs: 100 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: "TimeoutError" });
    expect(isTimeout(error)).toBe(true);
  });

  it("rejects a refused connection with the socket's code, which marks it as never sent", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await sendOutbound(`http://127.0.0.1:${port}/`, {
      method: "GET",
      headers: {},
      timeoutMs: 5_000,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "ECONNREFUSED" });
    expect(neverSent(error)).toBe(true);
  });
});
