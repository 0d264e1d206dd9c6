import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDeployment } from "@/lib/provisioning";
import { testAudit } from "@/lib/provisioning/test-support";
import { testDb } from "@/test/support/db";
import { rejectionOf } from "@/test/support/rejection";
import { discoveredFleetYaml } from "./discovered-fleet";
import { FleetInvalidError } from "./fleet-problems";
import { importFleet } from "./import-fleet";

const db = testDb();

describe("a fleet file of discovered tenants", () => {
  it("names the deployment as registered, leaves region and client for the operator, and imports once filled", async () => {
    const name = `discovered-${randomBytes(4).toString("hex")}`;
    const deployment = await createDeployment(db, testAudit, {
      name,
      layout: "multi-tenant",
      gaxBaseUrl: "http://gax.example:8080",
      gaxUsername: "provisioner",
      gaxPassword: "gax-password-1",
    });
    const tenants = [{ name: "Initech", dbid: "103", state: "enabled" }];
    const yaml = await discoveredFleetYaml(db, { deploymentId: deployment.id, tenants });
    const variables = [`HP_GAX_PASSWORD_${name.toUpperCase().replace("-", "_")}`];
    variables.push(`${variables[0]!.replace("GAX_PASSWORD", "BOOTSTRAP_SECRET")}_INITECH`);
    expect(yaml).toContain("# GAX tenant DBID 103, enabled\n      - cfgTenantName: Initech");
    for (const variable of variables) expect(yaml).toContain(`env: ${variable}\n`);
    expect(yaml).not.toContain("gax-password-1");

    const env = { [variables[0]!]: "gax-password-1", [variables[1]!]: "initech-secret" };
    const request = { lookup: { env, baseDir: "/" }, dryRun: true, authorize: async () => testAudit };
    const unfilled = await rejectionOf(importFleet(db, { ...request, text: yaml }));
    expect(unfilled).toBeInstanceOf(FleetInvalidError);
    const paths = (unfilled as FleetInvalidError).problems.map((problem) => problem.path);
    expect(paths).toEqual(expect.arrayContaining(["deployments[0].tenants[0].region"]));

    const filled = yaml
      .replace('region: ""', "region: us-east-1")
      .replace('bootstrapClientId: ""', "bootstrapClientId: c1");
    const outcome = await importFleet(db, { ...request, text: filled });
    expect(outcome.changes).toEqual([expect.objectContaining({ target: "tenant", action: "create" })]);
  });
});
