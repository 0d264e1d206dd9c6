import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "@/sandbox/genesys-cloud";
import { TokenCache } from "./token-cache";
import { clientFor, sandboxRequests, startSandbox } from "./test-support";

describe("token cache", () => {
  it("renews a token the margin before it expires", async () => {
    let now = 0;
    let issued = 0;
    const cache = new TokenCache(60_000, () => now);
    const fetchToken = async () => ({ accessToken: `t${++issued}`, expiresInSeconds: 300 });
    expect(await cache.get("k", fetchToken)).toBe("t1");
    now = 239_000;
    expect(await cache.get("k", fetchToken)).toBe("t1");
    now = 240_000;
    expect(await cache.get("k", fetchToken)).toBe("t2");
  });

  it("keeps at most half a short lifetime as margin, and forgets only the token it is told about", async () => {
    let now = 0;
    let issued = 0;
    const cache = new TokenCache(60_000, () => now);
    const fetchToken = async () => ({ accessToken: `t${++issued}`, expiresInSeconds: 60 });
    await cache.get("k", fetchToken);
    now = 29_000;
    expect(await cache.get("k", fetchToken)).toBe("t1");
    cache.invalidate("k", "some-older-token");
    expect(await cache.get("k", fetchToken)).toBe("t1");
    cache.invalidate("k", "t1");
    expect(await cache.get("k", fetchToken)).toBe("t2");
  });

  it("sends one token request however many callers wait, and releases the slot after a failure", async () => {
    const cache = new TokenCache();
    let calls = 0;
    let fail = true;
    const fetchToken = async () => {
      calls += 1;
      await new Promise((resolve) => setImmediate(resolve));
      if (fail) throw new Error("token endpoint down");
      return { accessToken: "t", expiresInSeconds: 3600 };
    };
    const first = await Promise.allSettled(Array.from({ length: 5 }, () => cache.get("k", fetchToken)));
    expect(first.every((r) => r.status === "rejected")).toBe(true);
    expect(calls).toBe(1);
    fail = false;
    expect(await Promise.all(Array.from({ length: 5 }, () => cache.get("k", fetchToken)))).toEqual([
      "t",
      "t",
      "t",
      "t",
      "t",
    ]);
    expect(calls).toBe(2);
  });
});

describe("token acquisition against the sandbox", () => {
  let sandbox: RunningGenesysSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it("makes one token request for many concurrent first calls", async () => {
    const gc = clientFor(sandbox);
    await Promise.all(Array.from({ length: 12 }, () => gc.getHomeDivision()));
    expect((await sandboxRequests(sandbox)).filter((r) => r.path === "/oauth/token")).toHaveLength(1);
  });
});
