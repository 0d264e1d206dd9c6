import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BOOTSTRAP_SECRET, tenantSecretRef } from "@/lib/provisioning";
import { testAudit } from "@/lib/provisioning/test-support";
import { openSecret } from "@/lib/secrets/store";
import { testDb } from "@/test/support/db";
import { rejectionOf } from "@/test/support/rejection";
import { exportFleet } from "./export-fleet";
import { FleetInvalidError } from "./fleet-problems";
import { importFleet } from "./import-fleet";
import { importTenantCsv } from "./import-tenant-csv";

const db = testDb();
const grant = async () => testAudit;

/** A registered deployment (by a fleet file) and the environment its CSV's secret references read. */
async function registeredDeployment() {
  const suffix = randomBytes(4).toString("hex");
  const name = `csv-${suffix}`;
  const env = { GAX_PW: `gax-${suffix}`, ACME_SECRET: `acme-secret-${suffix}` };
  const lookup = { env, baseDir: "/" };
  const text = `version: 1
deployments:
  - name: ${name}
    layout: multi-tenant
    gaxBaseUrl: http://gax.example:8080
    gaxUsername: provisioner
    gaxPassword: { env: GAX_PW }
    notes: Frankfurt
`;
  await importFleet(db, { text, lookup, dryRun: false, authorize: grant });
  return { name, env, lookup };
}

const csvOf = (name: string, { region = "eu-west-1" } = {}) =>
  [
    "Deployment,Tenant name,region,bootstrapClientId,bootstrapClientSecret,services,adminUsers,sampleAgentUsername,sampleAgentPassword",
    `${name},Acme,${region},acme-client,env:ACME_SECRET,predictive-engagement;agent-pacing,Ada Lovelace <ada@acme.example>; Bob <bob@acme.example>,acme.agent1,agent-pw`,
    `${name},Globex,us-east-1,globex-client,inline-globex-secret,,,,`,
    "",
  ].join("\n");

describe("a CSV of tenants", () => {
  it("previews, imports through the fleet import, and changes nothing when imported again", async () => {
    const { name, lookup } = await registeredDeployment();
    const request = { lookup, authorize: grant, csv: csvOf(name) };
    const preview = await importTenantCsv(db, { ...request, dryRun: true });
    expect(preview).toMatchObject({ applied: false, unchanged: 1 });
    expect(preview.changes.map((change) => `${change.action} ${change.label}`)).toEqual([
      `create ${name}/Acme`,
      `create ${name}/Globex`,
    ]);
    expect(await db.tenant.count({ where: { deployment: { name } } })).toBe(0);

    expect(await importTenantCsv(db, { ...request, dryRun: false })).toMatchObject({ applied: true });
    const again = await importTenantCsv(db, { ...request, dryRun: false });
    expect(again).toEqual({ changes: [], unchanged: 3, applied: false });

    const exported = (await exportFleet(db)).fleet.deployments.find((entry) => entry.name === name)!;
    expect(exported).toMatchObject({ notes: "Frankfurt" });
    const [acme, globex] = exported.tenants as Record<string, unknown>[];
    expect(acme).toMatchObject({
      cfgTenantName: "Acme",
      region: "eu-west-1",
      bootstrapClientId: "acme-client",
      services: ["predictive-engagement", "agent-pacing"],
      settings: {
        adminUsers: [
          { name: "Ada Lovelace", email: "ada@acme.example" },
          { name: "Bob", email: "bob@acme.example" },
        ],
      },
      sampleAgent: { username: "acme.agent1" },
    });
    expect(globex).toMatchObject({ cfgTenantName: "Globex", services: ["predictive-engagement"] });
    const acmeRow = await db.tenant.findFirstOrThrow({ where: { deployment: { name }, cfgTenantName: "Acme" } });
    expect(await openSecret(db, tenantSecretRef(acmeRow.id, BOOTSTRAP_SECRET))).toBe(lookup.env.ACME_SECRET);
  });

  it("names each problem by the row's line and the column, and writes nothing", async () => {
    const { name, lookup } = await registeredDeployment();
    const csv = [
      "deployment,cfgTenantName,region,bootstrapClientId,bootstrapClientSecret,adminUsers",
      `${name},Acme,mars-1,acme-client,env:NOT_SET,ada@acme.example`,
      `Nowhere,Globex,us-east-1,globex-client,s,`,
      `${name},Initech,us-east-1,,s,`,
    ].join("\n");
    const refused = await rejectionOf(
      importTenantCsv(db, { lookup, authorize: grant, csv, dryRun: false }),
      FleetInvalidError,
    );
    const found = refused.problems.map(({ line, column, path }) => `${line}:${column} ${path}`);
    expect(found).toEqual(
      expect.arrayContaining([
        "2:3 region",
        "2:5 bootstrapClientSecret",
        "2:6 adminUsers",
        "3:1 deployment",
        "4:4 bootstrapClientId",
      ]),
    );
    expect(refused.problems.find((problem) => problem.line === 3)!.message).toBe(
      "names no registered deployment (register Nowhere first, or import a fleet file)",
    );
    expect(await db.tenant.count({ where: { deployment: { name } } })).toBe(0);
  });

  it("refuses unknown and missing columns on the header's line, and a file that is not CSV", async () => {
    const headers = await rejectionOf(
      importTenantCsv(db, {
        lookup: { env: {}, baseDir: "/" },
        authorize: grant,
        dryRun: true,
        csv: "deployment,colour\nx,y\n",
      }),
      FleetInvalidError,
    );
    expect(headers.problems).toEqual([
      expect.objectContaining({
        path: "colour",
        line: 1,
        column: 2,
        message: expect.stringMatching(/^is not a known column/),
      }),
      expect.objectContaining({ path: "bootstrapClientId", line: 1, message: "is a required column" }),
      expect.objectContaining({ path: "bootstrapClientSecret", line: 1, message: "is a required column" }),
    ]);
    const broken = await rejectionOf(
      importTenantCsv(db, { lookup: { env: {}, baseDir: "/" }, authorize: grant, dryRun: true, csv: 'a,b\n"x,y\n' }),
      FleetInvalidError,
    );
    expect(broken.problems[0]!.message).toMatch(/^is not valid CSV: /);
  });

  it("docs/fleet.md's example is a valid CSV of tenants (dry run: two tenants to create)", async () => {
    const markdown = await readFile(new URL("../../docs/fleet.md", import.meta.url), "utf8");
    const example = /```csv\n([\s\S]*?)```/.exec(markdown)![1]!;
    const dir = await mkdtemp(join(tmpdir(), "csv-docs-"));
    await mkdir(join(dir, "secrets"));
    await writeFile(join(dir, "secrets", "globex.txt"), "globex-secret\n");
    const env = { GAX_PW: "p", HP_BOOTSTRAP_SECRET_ACME: "a", HP_AGENT_PASSWORD_ACME: "b" };
    const deployment = `version: 1
deployments:
  - { name: Production US, layout: multi-tenant, gaxBaseUrl: "http://gax.us.example:8080", gaxUsername: p, gaxPassword: { env: GAX_PW } }
`;
    await importFleet(db, { text: deployment, lookup: { env, baseDir: dir }, dryRun: false, authorize: grant });
    const outcome = await importTenantCsv(db, {
      csv: example,
      lookup: { env, baseDir: dir },
      dryRun: true,
      authorize: grant,
    });
    expect(outcome.changes.map((change) => `${change.action} ${change.label}`)).toEqual([
      "create Production US/Acme",
      "create Production US/Globex",
    ]);
  });
});
