import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env";
import { startMetricsServer } from "./metrics-server";
import { parsePrometheusText } from "./testing/prometheus-text";

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

describe("the worker's metrics server (METRICS_PORT)", () => {
  it("serves /metrics only with the token, and nothing else", async () => {
    const token = "worker-metrics-token-0123456789";
    server = await startMetricsServer({ port: 0, host: "127.0.0.1", token });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const bearer = { Authorization: `Bearer ${token}` };
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { Authorization: "Bearer nope" } })).status).toBe(401);
    expect((await fetch(`${base}/other`, { headers: bearer })).status).toBe(404);
    const scraped = await fetch(`${base}/metrics`, { headers: bearer });
    expect(scraped.status).toBe(200);
    const families = parsePrometheusText(await scraped.text());
    expect(families.get("hybrid_provisioner_process_resident_memory_bytes")?.type).toBe("gauge");
  });

  it("is refused without a token to protect it, and takes a short token for none", () => {
    expect(() => parseEnv({ METRICS_PORT: "9464" })).toThrow(/METRICS_PORT needs METRICS_TOKEN/);
    expect(() => parseEnv({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
    expect(parseEnv({ METRICS_PORT: "9464", METRICS_TOKEN: "a-long-enough-token" })).toMatchObject({
      METRICS_PORT: 9464,
    });
  });
});
