import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeHosts, type Resolver } from "@/lib/network/probe";

// Only 127.0.0.1 is ever contacted: the resolver is injected and answers the loopback address.
const loopback: Resolver = async () => ["127.0.0.1"];
let server: Server;
let openPort: number;
let closedPort: number;
let accepted = 0;

function listen(): Promise<Server> {
  return new Promise((resolve) => {
    const created = createServer((socket) => {
      accepted += 1;
      socket.destroy();
    });
    created.listen(0, "127.0.0.1", () => resolve(created));
  });
}
const portOf = (listening: Server) => (listening.address() as { port: number }).port;

beforeAll(async () => {
  server = await listen();
  openPort = portOf(server);
  const closed = await listen();
  closedPort = portOf(closed);
  await new Promise((resolve) => closed.close(resolve));
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("probeHosts", () => {
  it("reports a listening host as reachable, with its address and timings", async () => {
    const before = accepted;
    const [result] = await probeHosts([{ host: "login.example.test", port: openPort }], { resolve: loopback });
    expect(result).toMatchObject({
      status: "reachable",
      addresses: ["127.0.0.1"],
      dns: { ok: true },
      tcp: { ok: true },
    });
    expect(accepted).toBe(before + 1);
  });

  it("uses the system resolver by default (localhost resolves from the hosts file)", async () => {
    const [result] = await probeHosts([{ host: "localhost", port: openPort }]);
    expect(result!.dns.ok).toBe(true);
    expect(result!.addresses.length).toBeGreaterThan(0);
  });

  it("reports a refused connection with an operator explanation", async () => {
    const [result] = await probeHosts([{ host: "api.example.test", port: closedPort }], { resolve: loopback });
    expect(result).toMatchObject({
      status: "tcp_failed",
      dns: { ok: true },
      tcp: { ok: false, code: "ECONNREFUSED", message: expect.stringMatching(/refused/) },
    });
  });

  it("reports a name that does not resolve, and does not try to connect", async () => {
    const notFound: Resolver = async (host) => {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    };
    const [result] = await probeHosts([{ host: "apps.example.test", port: openPort }], { resolve: notFound });
    expect(result).toEqual({
      target: { host: "apps.example.test", port: openPort },
      status: "dns_failed",
      addresses: [],
      dns: { ok: false, ms: expect.any(Number), code: "ENOTFOUND", message: expect.stringMatching(/does not resolve/) },
    });
  });

  it("gives up on a resolver that never answers after the timeout", async () => {
    const silent: Resolver = () => new Promise(() => {});
    const started = Date.now();
    const [result] = await probeHosts([{ host: "streaming.example.test", port: openPort }], {
      resolve: silent,
      timeoutMs: 150,
    });
    expect(result).toMatchObject({
      status: "dns_failed",
      dns: { ok: false, code: "TIMEOUT", message: expect.stringMatching(/No answer in time/) },
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("probes at most `concurrency` hosts at once and keeps the targets' order", async () => {
    let inFlight = 0;
    let most = 0;
    const counting: Resolver = async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return ["127.0.0.1"];
    };
    const targets = Array.from({ length: 7 }, (_, index) => ({
      host: `h${index}.example.test`,
      port: index % 2 ? closedPort : openPort,
    }));
    const results = await probeHosts(targets, { resolve: counting, concurrency: 2 });
    expect(most).toBe(2);
    expect(results.map((result) => result.target.host)).toEqual(targets.map((target) => target.host));
    expect(results.map((result) => result.status)).toEqual(
      targets.map((_, index) => (index % 2 ? "tcp_failed" : "reachable")),
    );
  });
});
