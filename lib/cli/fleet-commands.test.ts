import { randomBytes } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/audit/record";
import { runCliProcess } from "@/lib/cli/testing/run-cli";
import { createUser } from "@/lib/users/manage-users";
import { isolatedDatabase, uniqueEmail } from "@/test/support/db";

// Its own database: export prints the whole registered fleet, which the shared test database's other files change.
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let dir: string;
const admin = uniqueEmail("fleet-admin");
const operator = uniqueEmail("fleet-operator");
const viewer = uniqueEmail("fleet-viewer");
const secrets = {
  gax: `gax-${randomBytes(6).toString("hex")}`,
  acme: `acme-${randomBytes(6).toString("hex")}`,
  agent: `agent-${randomBytes(6).toString("hex")}`,
};
const anySecret = new RegExp(`${secrets.gax}|${secrets.acme}|${secrets.agent}|inline-globex-secret`);

const fleet = `version: 1
deployments:
  - name: Lab
    layout: multi-tenant
    gaxBaseUrl: http://gax.example:8080
    gaxUsername: provisioner
    gaxPassword: { env: LAB_GAX_PASSWORD }
    tenants:
      - cfgTenantName: Acme
        region: eu-west-1
        bootstrapClientId: acme-client
        bootstrapClientSecret: { file: acme.secret }
        sampleAgent: { username: acme-agent, password: { env: LAB_AGENT_PASSWORD } }
      - cfgTenantName: Globex
        region: us-east-1
        bootstrapClientId: globex-client
        bootstrapClientSecret: inline-globex-secret
`;

const cli = (args: string[], env: Record<string, string> = {}) =>
  runCliProcess(args, {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      LAB_GAX_PASSWORD: secrets.gax,
      LAB_AGENT_PASSWORD: secrets.agent,
      ...env,
    },
  });

beforeAll(async () => {
  database = await isolatedDatabase();
  for (const [email, role] of [
    [admin, "admin"],
    [operator, "operator"],
    [viewer, "viewer"],
  ] as const)
    await createUser(database.db, { actor: systemActor }, { email, name: email, role, password: "a-long-password-1" });
  dir = await mkdtemp(join(tmpdir(), "fleet-cli-"));
  await writeFile(join(dir, "fleet.yaml"), fleet);
  await writeFile(join(dir, "acme.secret"), `${secrets.acme}\n`);
}, 120_000);
afterAll(() => database.drop());

describe("cli import and export", { timeout: 180_000 }, () => {
  it("refuses an invalid file with each problem's line and column, printing no secret, and writes nothing", async () => {
    const bad = fleet.replace("region: eu-west-1", "region: nowhere").replace("    gaxUsername: provisioner\n", "");
    await writeFile(join(dir, "bad.yaml"), bad);
    const run = await cli(["import", join(dir, "bad.yaml"), "--as", admin]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Nothing was written.");
    expect(run.stderr).toMatch(/bad\.yaml:3:5 deployments\[0\]\.gaxUsername: is required/);
    expect(run.stderr).toMatch(
      /bad\.yaml:9:17 deployments\[0\]\.tenants\[0\]\.region: must be a Genesys Cloud region id/,
    );
    expect(run.stdout + run.stderr).not.toMatch(anySecret);
    expect(await database.db.deployment.count()).toBe(0);
  });

  it("refuses a viewer, and an operator a new deployment (deployment.manage)", async () => {
    const asViewer = await cli(["import", join(dir, "fleet.yaml"), "--as", viewer]);
    expect(asViewer.code).toBe(1);
    expect(asViewer.stderr).toMatch(/the viewer role of .* does not allow tenant\.manage/);
    const asOperator = await cli(["import", join(dir, "fleet.yaml"), "--as", operator]);
    expect(asOperator.code).toBe(1);
    expect(asOperator.stderr).toMatch(/the operator role of .* does not allow deployment\.manage/);
    expect((await cli(["export", "--as", viewer])).code).toBe(1);
    expect(await database.db.deployment.count()).toBe(0);
  });

  it("dry-run exits 3 with the changes; import creates, queues key preparations; export round-trips to no change", async () => {
    const dry = await cli(["import", join(dir, "fleet.yaml"), "--as", admin, "--dry-run"]);
    expect(dry.code).toBe(3);
    expect(dry.stdout).toContain("import: would create 3, would update 0, 0 unchanged");
    expect(dry.stdout).toContain("+ tenant Lab/Acme");
    expect(await database.db.deployment.count()).toBe(0);

    const applied = await cli(["import", join(dir, "fleet.yaml"), "--as", admin, "--json"]);
    expect(applied.stderr).toBe("");
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ applied: true, unchanged: 0 });
    expect(await database.db.tenant.count()).toBe(2);
    const [jobs] = await database.db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) FROM pgboss.job WHERE name = 'key-preparation'`;
    expect(Number(jobs!.count)).toBe(2);

    const again = await cli(["import", join(dir, "fleet.yaml"), "--as", operator, "--dry-run"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("would create 0, would update 0, 3 unchanged");

    const exported = await cli(["export", "--as", operator]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).not.toMatch(anySecret);
    expect(exported.stdout).toContain("env: HP_SAMPLE_AGENT_PASSWORD_LAB_ACME");
    expect(exported.stdout).toContain("bootstrapClientSecret:\n          env: HP_BOOTSTRAP_SECRET_LAB_ACME");
    await writeFile(join(dir, "exported.yaml"), exported.stdout);
    const roundTrip = await cli(["import", join(dir, "exported.yaml"), "--as", operator, "--dry-run"], {
      HP_GAX_PASSWORD_LAB: secrets.gax,
      HP_BOOTSTRAP_SECRET_LAB_ACME: secrets.acme,
      HP_BOOTSTRAP_SECRET_LAB_GLOBEX: "inline-globex-secret",
      HP_SAMPLE_AGENT_PASSWORD_LAB_ACME: secrets.agent,
    });
    expect(roundTrip.stderr).toBe("");
    expect(roundTrip.stdout).toContain("would create 0, would update 0, 3 unchanged");
    expect(roundTrip.code).toBe(0);
  });

  it("imports a CSV of tenants as an operator, each problem named by the file's line and column", async () => {
    const header = "deployment,cfgTenantName,region,bootstrapClientId,bootstrapClientSecret,services";
    const rows = (region: string) =>
      `${header}\nLab,Initech,${region},initech-client,env:INITECH_SECRET,predictive-engagement;agent-pacing\n`;
    await writeFile(join(dir, "bad.csv"), rows("nowhere"));
    const bad = await cli(["import", join(dir, "bad.csv"), "--as", operator], { INITECH_SECRET: "initech-s3cret" });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.csv:2:3 region: must be a Genesys Cloud region id/);
    await writeFile(join(dir, "tenants.csv"), rows("ap-southeast-2"));
    const dry = await cli(["import", join(dir, "tenants.csv"), "--as", operator, "--dry-run"], {
      INITECH_SECRET: "initech-s3cret",
    });
    expect(dry.stderr).toBe("");
    expect(dry.code).toBe(3);
    expect(dry.stdout).toContain("import: would create 1, would update 0, 1 unchanged");
    expect(dry.stdout).toContain("+ tenant Lab/Initech");
    const applied = await cli(["import", join(dir, "tenants.csv"), "--as", operator], {
      INITECH_SECRET: "initech-s3cret",
    });
    expect(applied.code).toBe(0);
    expect(await database.db.tenant.findFirst({ where: { cfgTenantName: "Initech" } })).toMatchObject({
      region: "ap-southeast-2",
      services: ["predictive-engagement", "agent-pacing"],
    });
  });
});
