import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { migrate } from "@/lib/db/migrations";

const MIGRATION = "20261210100000_tenant_services";
let admin: pg.Client;
const name = `hp_services_${Date.now()}`;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject("adminDatabaseUrl") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
});
afterAll(async () => {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe(`migration ${MIGRATION}`, () => {
  it("turns each tenant's service booleans into the list of service keys and drops the booleans", async () => {
    const url = Object.assign(new URL(inject("adminDatabaseUrl")), { pathname: `/${name}` }).toString();
    const before = mkdtempSync(join(tmpdir(), "hp-migrations-"));
    cpSync("prisma/migrations", before, { recursive: true });
    rmSync(join(before, MIGRATION), { recursive: true });
    await migrate(url, before);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const deployment = "00000000-0000-4000-8000-000000000001";
      await client.query(
        "INSERT INTO deployments (id, name, layout, gax_base_url, gax_username, updated_at) VALUES ($1, 'd', 'multi-tenant', 'http://gax', 'u', now())",
        [deployment],
      );
      const rows: [string, boolean, boolean][] = [
        ["both", true, true],
        ["pe", true, false],
        ["pacing", false, true],
        ["none", false, false],
      ];
      for (const [tenant, predictiveEngagement, agentPacing] of rows) {
        await client.query(
          "INSERT INTO tenants (id, deployment_id, cfg_tenant_name, bootstrap_client_id, predictive_engagement, agent_pacing, updated_at) VALUES (gen_random_uuid(), $1, $2, 'c', $3, $4, now())",
          [deployment, tenant, predictiveEngagement, agentPacing],
        );
      }
      await migrate(url, "prisma/migrations");

      const { rows: converted } = await client.query<{ cfg_tenant_name: string; services: string[] }>(
        "SELECT cfg_tenant_name, services FROM tenants ORDER BY cfg_tenant_name",
      );
      expect(Object.fromEntries(converted.map((row) => [row.cfg_tenant_name, row.services]))).toEqual({
        both: ["predictive-engagement", "agent-pacing"],
        pe: ["predictive-engagement"],
        pacing: ["agent-pacing"],
        none: [],
      });
      const { rows: columns } = await client.query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'tenants' AND column_name IN ('predictive_engagement', 'agent_pacing')",
      );
      expect(columns).toEqual([]);
      await client.query(
        "INSERT INTO tenants (id, deployment_id, cfg_tenant_name, bootstrap_client_id, updated_at) VALUES (gen_random_uuid(), $1, 'new', 'c', now())",
        [deployment],
      );
      const { rows: defaults } = await client.query<{ services: string[] }>(
        "SELECT services FROM tenants WHERE cfg_tenant_name = 'new'",
      );
      expect(defaults[0]!.services).toEqual(["predictive-engagement"]);
    } finally {
      await client.end();
    }
  });
});
