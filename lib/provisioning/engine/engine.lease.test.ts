import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyTenant } from "./engine";
import { startProvisioningKit, type ProvisioningKit } from "../test-support";

let kit: ProvisioningKit;
beforeAll(async () => {
  kit = await startProvisioningKit();
});
afterAll(() => kit.close());

const LEASE_MS = 600;

describe("a run's lease while its process lives", () => {
  it("is renewed on a timer: a step that takes several leases keeps the tenant, and another run is refused", async () => {
    let reached!: () => void;
    const inStep = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // The first step that creates something waits (as on a rate limit or a propagation window) until released.
    const slow = applyTenant(kit.tenant.id, {
      ...kit.engine,
      leaseMs: LEASE_MS,
      hooks: { afterExternalCreate: async () => (reached(), released) },
    });
    await inStep;
    await sleep(LEASE_MS * 4);

    await expect(applyTenant(kit.tenant.id, kit.engine)).rejects.toMatchObject({ code: "conflict" });
    const held = await kit.db.run.findFirstOrThrow({ where: { tenantId: kit.tenant.id, status: "running" } });
    expect(held.leaseExpiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(held.leaseExpiresAt.getTime()).toBeLessThanOrEqual(Date.now() + LEASE_MS);

    release();
    const report = await slow;
    expect(report.status).toBe("succeeded");
    expect(report.runId).toBe(held.id);
    // Ended, the run no longer holds the tenant: nothing renews its lease any more.
    const ended = await kit.db.run.findUniqueOrThrow({ where: { id: held.id } });
    await sleep(LEASE_MS);
    expect((await kit.db.run.findUniqueOrThrow({ where: { id: held.id } })).leaseExpiresAt).toEqual(
      ended.leaseExpiresAt,
    );
    expect((await applyTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");
  });
});
