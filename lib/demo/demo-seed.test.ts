import { afterAll, describe, expect, it } from "vitest";
import { ensureDemoDeployment } from "@/lib/demo/demo-seed";
import { loadTenantView } from "@/lib/provisioning";
import { openSecret } from "@/lib/secrets/store";
import { isolatedDatabase } from "@/test/support/db";

const isolated = await isolatedDatabase();
afterAll(() => isolated.drop());

describe("first-run demo deployment", () => {
  it("registers the sandbox deployment and three tenants with sealed credentials, once", async () => {
    const urls = {
      genesysCloudUrl: "http://127.0.0.1:4010",
      gaxUrls: { multi: "http://127.0.0.1:4020/multi", single: "http://127.0.0.1:4020/single" },
    };
    const first = await ensureDemoDeployment(isolated.db, urls);
    expect(first).toMatchObject({ created: true, tenants: 3 });
    const deployment = await isolated.db.deployment.findFirstOrThrow({
      include: { tenants: { orderBy: { cfgTenantName: "asc" } } },
    });
    expect(deployment).toMatchObject({ layout: "multi-tenant", gaxBaseUrl: "http://127.0.0.1:4020/multi" });
    expect(deployment.tenants.map((tenant) => [tenant.cfgTenantName, tenant.region, tenant.apiBaseUrl])).toEqual([
      ["Acme", "eu-west-1", "http://127.0.0.1:4010"],
      ["Globex", "us-east-1", "http://127.0.0.1:4010"],
      ["Initech", "ap-southeast-2", "http://127.0.0.1:4010"],
    ]);
    // Every demo tenant can be provisioned: its settings resolve without operator input.
    for (const tenant of deployment.tenants) await expect(loadTenantView(isolated.db, tenant.id)).resolves.toBeTruthy();
    const secrets = await isolated.db.secret.count({
      where: { ownerId: { in: [deployment.id, ...deployment.tenants.map((tenant) => tenant.id)] } },
    });
    expect(secrets).toBe(4);
    const [tenant] = deployment.tenants;
    const secretRow = await isolated.db.secret.findFirstOrThrow({ where: { ownerId: tenant!.id } });
    expect(
      await openSecret(isolated.db, {
        ownerType: secretRow.ownerType,
        ownerId: secretRow.ownerId,
        purpose: secretRow.purpose,
      }),
    ).toBeTruthy();
    expect(await ensureDemoDeployment(isolated.db, urls)).toEqual({ created: false });
    expect(await isolated.db.tenant.count()).toBe(3);
  });
});
