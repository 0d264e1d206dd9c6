import { randomBytes } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  BOOTSTRAP_SECRET,
  gaxPasswordRef,
  ISOLATION_AGENT_PASSWORD,
  TENANT_ISOLATION,
  tenantSecretRef,
} from "@/lib/provisioning";
import { testAudit } from "@/lib/provisioning/test-support";
import { openSecret } from "@/lib/secrets/store";
import { testDb } from "@/test/support/db";
import { rejectionOf } from "@/test/support/rejection";
import { FleetInvalidError } from "./fleet-problems";
import { importFleet } from "./import-fleet";
import type { SecretLookup } from "./secret-source";

const db = testDb();

/** A fleet of one multi-tenant deployment with two tenants; secrets inline, from the environment and from a file. */
async function fleetFixture() {
  const suffix = randomBytes(4).toString("hex");
  const dir = await mkdtemp(join(tmpdir(), "fleet-"));
  await writeFile(join(dir, "globex.secret"), `globex-secret-${suffix}\n`);
  const env = { [`GAX_PW_${suffix}`]: `gax-password-${suffix}`, [`AGENT_PW_${suffix}`]: `agent-password-${suffix}` };
  const name = `fleet-${suffix}`;
  const text = (region = "eu-west-1", acmeSecret = `acme-secret-${suffix}`, agent = "globex-agent") => `version: 1
deployments:
  - name: ${name}
    layout: multi-tenant
    gaxBaseUrl: http://gax.example:8080
    gaxUsername: provisioner
    gaxPassword: { env: GAX_PW_${suffix} }
    tenants:
      - cfgTenantName: Acme
        region: ${region}
        bootstrapClientId: acme-client
        bootstrapClientSecret: ${acmeSecret}
      - cfgTenantName: Globex
        region: us-east-1
        bootstrapClientId: globex-client
        bootstrapClientSecret: { file: globex.secret }
        sampleAgent: { username: ${agent}, password: { env: AGENT_PW_${suffix} } }
        services: [predictive-engagement, agent-pacing]
        settings:
          adminUsers: [{ name: Ada, email: ada@example.com }]
`;
  return { name, suffix, text, lookup: { env, baseDir: dir } };
}

const grant = async () => testAudit;
const run = (text: string, lookup: SecretLookup, dryRun = false) =>
  importFleet(db, { text, lookup, dryRun, authorize: grant });

describe("fleet import", () => {
  it("reports every problem with its line, column, path and rule, and writes nothing", async () => {
    const { name, lookup } = await fleetFixture();
    const text = `version: 1
deployments:
  - name: ${name}
    layout: multi-tenant
    gaxBaseUrl: ftp://gax.example
    gaxUsername: provisioner
    gaxPassword: { env: NOT_SET_ANYWHERE }
    tenants:
      - region: mars-1
        bootstrapClientSecret: s
      - cfgTenantName: Initech
        loginBaseUrl: https://login.example.com
        bootstrapClientId: c
        bootstrapClientSecret: s
`;
    const error = await rejectionOf(run(text, lookup), FleetInvalidError);
    const where = error.problems.map((problem) => `${problem.line}:${problem.column} ${problem.path}`);
    expect(where).toEqual(
      expect.arrayContaining([
        "5:17 deployments[0].gaxBaseUrl",
        "7:18 deployments[0].gaxPassword",
        "9:17 deployments[0].tenants[0].region",
        "9:9 deployments[0].tenants[0].bootstrapClientId",
        "9:9 deployments[0].tenants[0].cfgTenantName",
        "11:9 deployments[0].tenants[1].apiBaseUrl",
      ]),
    );
    const messages = error.problems.map((problem) => `${problem.path} ${problem.message}`);
    expect(messages).toContain(
      "deployments[0].gaxPassword names environment variable NOT_SET_ANYWHERE, which is not set or empty",
    );
    expect(messages).toContain("deployments[0].tenants[0].bootstrapClientId is required");
    expect(
      messages.some((text) => text.startsWith("deployments[0].tenants[0].region must be a Genesys Cloud region id")),
    ).toBe(true);
    expect(await db.deployment.findUnique({ where: { name } })).toBeNull();
  });

  it("reports a file that is not YAML with its line", async () => {
    const { lookup } = await fleetFixture();
    const error = await rejectionOf(run("version: 1\ndeployments: [\n  - x: {\n", lookup), FleetInvalidError);
    expect(error.problems[0]).toMatchObject({ message: expect.stringMatching(/^is not valid YAML or JSON/) });
    expect(error.problems[0]!.line).toBeGreaterThan(1);
  });

  it("creates what is new, seals secrets from inline, env and file, audits, and changes nothing when imported again", async () => {
    const { name, suffix, text, lookup } = await fleetFixture();
    const preview = await run(text(), lookup, true);
    expect(preview).toMatchObject({ applied: false, unchanged: 0 });
    expect(preview.changes.map((change) => `${change.action} ${change.label}`)).toEqual([
      `create ${name}`,
      `create ${name}/Acme`,
      `create ${name}/Globex`,
    ]);
    expect(await db.deployment.findUnique({ where: { name } })).toBeNull();

    expect(await run(text(), lookup)).toMatchObject({ applied: true });
    const deployment = await db.deployment.findUniqueOrThrow({ where: { name }, include: { tenants: true } });
    const globex = deployment.tenants.find((tenant) => tenant.cfgTenantName === "Globex")!;
    const acme = deployment.tenants.find((tenant) => tenant.cfgTenantName === "Acme")!;
    expect(globex.services).toEqual(["predictive-engagement", "agent-pacing"]);
    expect(await openSecret(db, gaxPasswordRef(deployment.id))).toBe(`gax-password-${suffix}`);
    expect(await openSecret(db, tenantSecretRef(globex.id, BOOTSTRAP_SECRET))).toBe(`globex-secret-${suffix}`);
    expect(await openSecret(db, tenantSecretRef(acme.id, BOOTSTRAP_SECRET))).toBe(`acme-secret-${suffix}`);
    const events = await db.auditEvent.findMany({
      where: {
        targetId: { in: [deployment.id, acme.id, globex.id] },
        action: { in: ["deployment.create", "tenant.create"] },
      },
    });
    expect(events).toHaveLength(3);
    expect(JSON.stringify(events.map((event) => event.details))).not.toMatch(
      new RegExp(`(gax-password|acme-secret|globex-secret)-${suffix}`),
    );

    expect(await run(text(), lookup)).toEqual({ changes: [], unchanged: 3, applied: false });
  });

  it("updates only what differs, a secret compared with the sealed value, under the role the change needs", async () => {
    const { name, suffix, text, lookup } = await fleetFixture();
    await run(text(), lookup);
    const touched: boolean[] = [];
    const outcome = await importFleet(db, {
      text: text("eu-central-1", `acme-secret-new-${suffix}`),
      lookup,
      dryRun: false,
      authorize: async ({ deployments }) => (touched.push(deployments), testAudit),
    });
    expect(outcome.changes).toEqual([
      { action: "update", target: "tenant", label: `${name}/Acme`, fields: ["region", "bootstrapClientSecret"] },
    ]);
    expect(outcome.unchanged).toBe(2);
    expect(touched).toEqual([false]);
    const acme = await db.tenant.findFirstOrThrow({ where: { deployment: { name }, cfgTenantName: "Acme" } });
    expect(acme.region).toBe("eu-central-1");
    expect(await openSecret(db, tenantSecretRef(acme.id, BOOTSTRAP_SECRET))).toBe(`acme-secret-new-${suffix}`);
    const update = await db.auditEvent.findFirstOrThrow({ where: { action: "tenant.update", targetId: acme.id } });
    expect(update.details).toMatchObject({
      changes: { region: { from: "eu-west-1", to: "eu-central-1" } },
      resealed: [BOOTSTRAP_SECRET],
    });
    expect(JSON.stringify(update.details)).not.toContain(`acme-secret-new-${suffix}`);
  });

  it("refuses a single-tenant deployment's tenant under another name, and a layout change", async () => {
    const { name, lookup, text } = await fleetFixture();
    await run(text(), lookup);
    const changed = text().replace("layout: multi-tenant", "layout: single-tenant\n    objectTenant: Resources");
    const error = await rejectionOf(run(changed, lookup), FleetInvalidError);
    const messages = error.problems.map((problem) => `${problem.path} ${problem.message}`);
    expect(messages).toContain(
      "deployments[0].layout cannot change from multi-tenant (delete the deployment and register it again)",
    );
    expect(messages).toContain(
      "deployments[0].tenants[0].cfgTenantName must be Resources (or left out) in this single-tenant deployment",
    );
    expect((await db.deployment.findUniqueOrThrow({ where: { name } })).layout).toBe("multi-tenant");
  });
});

describe("fleet import of a single-tenant deployment", () => {
  it("registers its one tenant under the object tenant, and refuses moving the object by import", async () => {
    const { name, lookup, text } = await fleetFixture();
    const single = text()
      .replace("layout: multi-tenant", "layout: single-tenant\n    objectTenant: Environment")
      .replace(/ {6}- cfgTenantName: Globex[\s\S]*$/, "")
      .replace("- cfgTenantName: Acme\n        region", "- region");
    await run(single, lookup);
    const tenants = await db.tenant.findMany({ where: { deployment: { name } } });
    expect(tenants.map((tenant) => tenant.cfgTenantName)).toEqual(["Environment"]);
    expect(await run(single, lookup)).toMatchObject({ changes: [], unchanged: 2 });

    const moved = await rejectionOf(
      run(single.replace("objectTenant: Environment", "objectTenant: Resources"), lookup),
      FleetInvalidError,
    );
    expect(moved.problems.map((problem) => problem.path)).toEqual(["deployments[0].objectTenant"]);
  });
});

describe("fleet import of a sample agent", () => {
  it("stores it as the isolation step keeps an entered agent, pending its check, and replaces it when it differs", async () => {
    const { name, suffix, text, lookup } = await fleetFixture();
    await run(text(), lookup);
    const globex = await db.tenant.findFirstOrThrow({ where: { deployment: { name }, cfgTenantName: "Globex" } });
    const state = () =>
      db.stepState.findUniqueOrThrow({
        where: { tenantId_stepKey: { tenantId: globex.id, stepKey: TENANT_ISOLATION } },
      });
    expect(await state()).toMatchObject({
      status: "pending",
      outputs: { agentUsername: "globex-agent", passwordIsEncrypted: false },
    });
    const password = () => openSecret(db, tenantSecretRef(globex.id, ISOLATION_AGENT_PASSWORD));
    expect(await password()).toBe(`agent-password-${suffix}`);

    await db.stepState.update({
      where: { tenantId_stepKey: { tenantId: globex.id, stepKey: TENANT_ISOLATION } },
      data: { status: "done", outputs: { agentUsername: "globex-agent", seesTenants: ["Globex"] } },
    });
    expect(await run(text(), lookup)).toMatchObject({ changes: [] });

    const replaced = await run(text(undefined, undefined, "globex-agent-2"), lookup);
    expect(replaced.changes).toEqual([
      { action: "update", target: "tenant", label: `${name}/Globex`, fields: ["sampleAgent"] },
    ]);
    expect(await state()).toMatchObject({ status: "pending", outputs: { agentUsername: "globex-agent-2" } });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "tenant.update", targetId: globex.id } });
    expect(event.details).toMatchObject({
      changes: { sampleAgent: { from: "globex-agent", to: "globex-agent-2" } },
      resealed: [ISOLATION_AGENT_PASSWORD],
    });
    expect(JSON.stringify(event.details)).not.toContain(`agent-password-${suffix}`);
  });
});

describe("fleet import into a registered deployment", () => {
  it("adds a tenant the file gains, and leaves alone the tenants the file no longer names", async () => {
    const { name, text, lookup } = await fleetFixture();
    await run(text(), lookup);
    const grown = `${text()}      - cfgTenantName: Initech
        region: eu-west-1
        bootstrapClientId: initech-client
        bootstrapClientSecret: initech-secret
`;
    const withoutAcme = grown.replace(/ {6}- cfgTenantName: Acme[\s\S]*?(?= {6}- cfgTenantName: Globex)/, "");
    const outcome = await run(withoutAcme, lookup);
    expect(outcome.changes).toEqual([{ action: "create", target: "tenant", label: `${name}/Initech`, fields: [] }]);
    const names = await db.tenant.findMany({ where: { deployment: { name } }, orderBy: { cfgTenantName: "asc" } });
    expect(names.map((tenant) => tenant.cfgTenantName)).toEqual(["Acme", "Globex", "Initech"]);
  });
});

describe("fleet import of an inline sample agent password", () => {
  it("keeps any inline value, also one that reads like a placeholder", async () => {
    const { name, text, lookup, suffix } = await fleetFixture();
    await run(text().replace(`password: { env: AGENT_PW_${suffix} }`, "password: unresolved"), lookup);
    const globex = await db.tenant.findFirstOrThrow({ where: { deployment: { name }, cfgTenantName: "Globex" } });
    expect(await openSecret(db, tenantSecretRef(globex.id, ISOLATION_AGENT_PASSWORD))).toBe("unresolved");
  });
});

describe("fleet import of an upload", () => {
  it("refuses secret references, which would name the server's environment and files", async () => {
    const { name, text, lookup } = await fleetFixture();
    const error = await rejectionOf(run(text(), { ...lookup, inlineOnly: true }), FleetInvalidError);
    expect(error.problems.map((problem) => problem.path).sort()).toEqual([
      "deployments[0].gaxPassword",
      "deployments[0].tenants[1].bootstrapClientSecret",
      "deployments[0].tenants[1].sampleAgent.password",
    ]);
    expect(error.problems[0]!.message).toMatch(/^must be given inline in an upload/);
    expect(await db.deployment.findUnique({ where: { name } })).toBeNull();
  });
});
