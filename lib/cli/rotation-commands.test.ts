import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliAccounts } from "./testing/accounts";
import { runCliProcess } from "@/lib/cli/testing/run-cli";
import { applyTenant } from "@/lib/provisioning";
import { expectRotatedTo, keyMaterial } from "@/lib/provisioning/rotation/rotation-test-support";
import type { RotationReport } from "@/lib/provisioning";
import { startProvisioningKit, type ProvisioningKit } from "@/lib/provisioning/test-support";

let kit: ProvisioningKit;
const accounts = cliAccounts("rotation");
const { operator, viewer } = accounts;

beforeAll(async () => {
  kit = await startProvisioningKit();
  await accounts.create(kit.db);
}, 120_000);
afterAll(() => kit.close());

const cli = (...args: string[]) =>
  runCliProcess(["rotate-certificate", "--tenant", "Acme", "--deployment", kit.deployment.name, ...args]);

describe("cli rotate-certificate", { timeout: 240_000 }, () => {
  it("refuses a viewer and a tenant not applied yet, then rotates as an operator under that account", async () => {
    const refused = await cli("--as", viewer);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the viewer role of .* does not allow provisioning\.run/);

    const early = await cli("--as", operator);
    expect(early.code).toBe(1);
    expect(early.stderr).toBe(
      "error: This tenant has no SAML key material yet: apply the tenant first, then rotate its certificate.\n",
    );

    expect((await applyTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");
    const rotated = await cli("--as", operator, "--json");
    expect(rotated.stderr).toBe("");
    expect(rotated.code).toBe(0);
    const report = JSON.parse(rotated.stdout) as RotationReport;
    expect(report).toMatchObject({ status: "succeeded", stage: "done" });
    await expectRotatedTo(kit, (await keyMaterial(kit)).certificatePem);
    expect(await kit.db.certificateRotation.findUniqueOrThrow({ where: { id: report.rotationId } })).toMatchObject({
      requestedBy: operator,
    });

    const again = await cli("--as", operator);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^rotate-certificate .*\/Acme: succeeded \(rotation /);
    expect(again.stdout).toMatch(/✓ Remove the old certificate/);
  });
});
