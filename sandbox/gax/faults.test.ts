import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SANDBOX_ADMIN } from "./default-seed";
import { startGaxSandbox } from "./index";
import { rawGaxSession, startTestSandbox, type RawGaxSession } from "./sandbox-test-kit";

type Obj = Record<string, unknown> & { dbid: string };

let kit: Awaited<ReturnType<typeof startTestSandbox>>;
let admin: RawGaxSession;

const newTransaction = { type: "CfgTransaction", subtype: "CFGTRTList", name: "t", alias: "t", tenantdbid: "101" };
const transactionsNamedT = async () => (await admin.get<Obj[]>("cfg/objects?type=CfgTransaction&name=t")).body;

beforeAll(async () => {
  kit = await startTestSandbox();
});
afterAll(() => kit.sandbox.close());
beforeEach(async () => {
  await kit.control.reset();
  admin = await rawGaxSession(kit.sandbox.url, SANDBOX_ADMIN);
});

describe("fault injection and control endpoints", () => {
  it("answers an injected 5xx before processing the request", async () => {
    await kit.control.faults({
      rules: [
        { method: "POST", pathIncludes: "/cfg/objects", action: "error", phase: "before", status: 502, times: 1 },
      ],
    });
    expect((await admin.post("cfg/objects", newTransaction)).status).toBe(502);
    expect(await transactionsNamedT()).toHaveLength(0);
    expect((await admin.post("cfg/objects", newTransaction)).status).toBe(201);
  });

  it("processes the request and then answers 5xx in the 'after' phase", async () => {
    await kit.control.faults({ rules: [{ method: "POST", action: "error", phase: "after", status: 503, times: 1 }] });
    expect((await admin.post("cfg/objects", newTransaction)).status).toBe(503);
    expect(await transactionsNamedT()).toHaveLength(1);
  });

  it("drops the connection before or after processing", async () => {
    await kit.control.faults({ rules: [{ method: "POST", action: "drop", phase: "before", times: 1 }] });
    await expect(admin.post("cfg/objects", newTransaction)).rejects.toThrow();
    expect(await transactionsNamedT()).toHaveLength(0);
    await kit.control.faults({ rules: [{ method: "POST", action: "drop", phase: "after", times: 1 }] });
    await expect(admin.post("cfg/objects", newTransaction)).rejects.toThrow();
    expect(await transactionsNamedT()).toHaveLength(1);
    const { requests } = await kit.control.state();
    expect(
      requests
        .filter((entry) => entry.method === "POST" && entry.path === "/cfg/objects")
        .map((entry) => entry.outcome),
    ).toEqual(["dropped", "dropped"]);
  });

  it("adds latency to API requests", async () => {
    await kit.control.faults({ latencyMs: 150 });
    const started = performance.now();
    await admin.get("user/info");
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("expires sessions now or after a number of requests", async () => {
    await kit.control.faults({ expireSessionsNow: true });
    expect((await admin.get("user/info")).status).toBe(401);
    admin = await rawGaxSession(kit.sandbox.url, SANDBOX_ADMIN);
    await kit.control.faults({ expireSessionsAfterRequests: 2 });
    expect((await admin.get("user/info")).status).toBe(200);
    expect((await admin.get("user/info")).status).toBe(401);
  });

  it("applies error and drop rates reproducibly from the random seed", async () => {
    const outcomes = async () => {
      await kit.control.faults({ errorRate: 0.5, randomSeed: 7 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) statuses.push((await admin.get("user/info")).status);
      return statuses;
    };
    const first = await outcomes();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await outcomes()).toEqual(first);
  });

  it("rejects a bad fault configuration naming the field", async () => {
    const response = await kit.control.faults({ errorRate: 2 });
    expect(response.status).toBe(400);
    expect((response.body as { message: string }).message).toMatch(/^errorRate: /);
  });

  it("resets to the seed: objects, sessions, faults and the request log", async () => {
    await admin.post("cfg/objects", newTransaction);
    await kit.control.faults({ errorRate: 1 });
    await kit.control.reset();
    const state = await kit.control.state();
    expect(state.requests).toEqual([]);
    expect(state.deployments[0]!.openSessions).toBe(0);
    admin = await rawGaxSession(kit.sandbox.url, SANDBOX_ADMIN);
    expect(await transactionsNamedT()).toHaveLength(0);
  });

  it("never includes passwords in the state", async () => {
    expect(JSON.stringify(await kit.control.state())).not.toContain(SANDBOX_ADMIN.password);
  });

  it("mounts no control endpoints unless asked", async () => {
    const plain = await startGaxSandbox({ port: 0 });
    try {
      expect((await fetch(`${plain.url}/__sandbox/state`)).status).toBe(404);
      expect((await fetch(`${plain.url}/__sandbox/faults`, { method: "POST", body: "{}" })).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
