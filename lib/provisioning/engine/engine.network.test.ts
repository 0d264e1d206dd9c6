import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { servicePurposes } from "@/lib/network/allow-list";
import { freePort } from "@/test/support/free-port";
import { applyTenant, planTenant, verifyTenant } from "./engine";
import { networkRulesFor } from "../steps/network-allow-list";
import { startProvisioningKit, type ProvisioningKit, stepReport } from "../test-support";
import { loadTenantView } from "../model/tenant-view";
import { NETWORK_ALLOW_LIST } from "../model/step-keys";

let kit: ProvisioningKit;
let sandboxPort: number;

beforeAll(async () => {
  kit = await startProvisioningKit();
  sandboxPort = Number(new URL(kit.genesys.url).port);
});
afterAll(() => kit.close());

const stepOf = (report: Awaited<ReturnType<typeof verifyTenant>>) => stepReport(report, NETWORK_ALLOW_LIST);

describe("the network allow-list", () => {
  it("lists a region's four hosts on 443 with their reasons", async () => {
    const tenant = { ...(await loadTenantView(kit.db, kit.tenant.id)), target: { region: "eu-west-1" } };
    expect(networkRulesFor(tenant)).toEqual(
      (["login", "api", "apps", "streaming"] as const).map((service) => ({
        service,
        host: `${service}.mypurecloud.ie`,
        port: 443,
        purpose: servicePurposes[service],
      })),
    );
  });

  it("plans the hosts of the explicit base URLs, and apply records them as its outputs", async () => {
    const planned = stepOf(await planTenant(kit.tenant.id, kit.engine)).plan!;
    expect(planned).toEqual({
      action: "create",
      changes: ["login", "api"].map((service) => ({
        field: `${service} host`,
        expected: `127.0.0.1:${sandboxPort}`,
        actual: "",
      })),
    });
    const applied = stepOf(await applyTenant(kit.tenant.id, kit.engine, NETWORK_ALLOW_LIST));
    expect(applied).toMatchObject({
      status: "succeeded",
      result: "created",
      changes: [`login: 127.0.0.1:${sandboxPort}`, `api: 127.0.0.1:${sandboxPort}`],
    });
    const state = await kit.db.stepState.findUniqueOrThrow({
      where: { tenantId_stepKey: { tenantId: kit.tenant.id, stepKey: NETWORK_ALLOW_LIST } },
    });
    expect(state.outputs).toEqual({
      rules: [
        { service: "login", host: "127.0.0.1", port: sandboxPort, purpose: servicePurposes.login },
        { service: "api", host: "127.0.0.1", port: sandboxPort, purpose: servicePurposes.api },
      ],
    });
    expect(stepOf(await planTenant(kit.tenant.id, kit.engine)).plan).toEqual({ action: "none", changes: [] });
  });

  it("verifies by reaching every host from this server", async () => {
    expect(stepOf(await verifyTenant(kit.tenant.id, kit.engine, NETWORK_ALLOW_LIST)).verification).toEqual({
      status: "ok",
      differences: [],
    });
  });

  it("reports a changed host and a host this server cannot reach, naming the host and the reason", async () => {
    const closedPort = await freePort();
    await kit.db.tenant.update({
      where: { id: kit.tenant.id },
      data: { apiBaseUrl: `http://127.0.0.1:${closedPort}` },
    });
    const verification = stepOf(await verifyTenant(kit.tenant.id, kit.engine, NETWORK_ALLOW_LIST)).verification!;
    expect(verification.status).toBe("drifted");
    expect(verification.differences).toEqual([
      { field: "api host", expected: `127.0.0.1:${closedPort}`, actual: `127.0.0.1:${sandboxPort}` },
      {
        field: `api 127.0.0.1:${closedPort}`,
        expected: "reachable from this server",
        actual: expect.stringMatching(/^ECONNREFUSED: .*refused/),
      },
    ]);
    expect(stepOf(await planTenant(kit.tenant.id, kit.engine)).plan).toEqual({
      action: "update",
      changes: [verification.differences[0]],
    });
  });
});
