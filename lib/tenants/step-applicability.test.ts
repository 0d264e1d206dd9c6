import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { createDeployment, SERVICES } from "@/lib/provisioning";
import { testAudit } from "@/lib/provisioning/test-support";
import { isolatedDatabase } from "@/test/support/db";
import { allApplicableStepsDoneSql, allApplicableStepsDoneWhere } from "./step-applicability";
import { applicableSteps, type TenantFacts } from "./tenant-status";

let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let db: Db;
/** Tenant name -> whether every step that applies to it (by the steps' own `when`) is done. */
const expected = new Map<string, boolean>();

/** Every subset of the services list, with and without admin users, in both layouts. */
const serviceSets = SERVICES.map((service) => service.key).reduce<string[][]>(
  (sets, key) => sets.flatMap((set) => [set, [...set, key]]),
  [[]],
);
const combinations = serviceSets.flatMap((services) =>
  [[], [{ name: "Ops", email: "ops@example.test" }]].flatMap((adminUsers) =>
    ["multi-tenant", "single-tenant"].map((layout): TenantFacts => ({
      services,
      settings: { adminUsers },
      deployment: { layout },
    })),
  ),
);

beforeAll(async () => {
  database = await isolatedDatabase();
  db = database.db;
  const deployments = new Map<string, string>();
  for (const layout of ["multi-tenant", "single-tenant"] as const) {
    deployments.set(
      layout,
      (
        await createDeployment(db, testAudit, {
          name: `applicability-${layout}`,
          layout,
          gaxBaseUrl: "http://127.0.0.1:9/gax",
          gaxUsername: "default",
          gaxPassword: "gax-password",
        })
      ).id,
    );
  }
  // For each combination: every applicable step done, and for each applicable step, all but that one done.
  for (const [index, facts] of combinations.entries()) {
    const keys = applicableSteps(facts).map((step) => step.key);
    const variants: [string, string[], boolean][] = [
      [`c${index}-all`, keys, true],
      ...keys.map((missing): [string, string[], boolean] => [
        `c${index}-without-${missing}`,
        keys.filter((key) => key !== missing),
        false,
      ]),
    ];
    for (const [name, done, complete] of variants) {
      const tenant = await db.tenant.create({
        data: {
          deploymentId: deployments.get(facts.deployment.layout)!,
          cfgTenantName: name,
          bootstrapClientId: name,
          services: [...facts.services],
          settings: facts.settings as Prisma.InputJsonObject,
        },
      });
      await db.stepState.createMany({
        data: done.map((stepKey) => ({ tenantId: tenant.id, stepKey, status: "done" })),
      });
      expected.set(name, complete);
    }
  }
  // A done step the catalogue no longer has does not stand in for a missing one.
  const facts = combinations[0]!;
  const [missing, ...rest] = applicableSteps(facts).map((step) => step.key);
  const stray = await db.tenant.create({
    data: {
      deploymentId: deployments.get(facts.deployment.layout)!,
      cfgTenantName: `stray-without-${missing}`,
      bootstrapClientId: "stray",
      settings: facts.settings as Prisma.InputJsonObject,
    },
  });
  await db.stepState.createMany({
    data: [...rest, "retired-step"].map((stepKey) => ({ tenantId: stray.id, stepKey, status: "done" })),
  });
  expected.set(stray.cfgTenantName, false);
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

const completeOnes = () =>
  [...expected]
    .filter(([, complete]) => complete)
    .map(([name]) => name)
    .sort();

describe("the overview's database conditions for 'every step that applies is done'", () => {
  it("agree with the steps' own `when`, as a Prisma filter", async () => {
    const found = await db.tenant.findMany({ where: allApplicableStepsDoneWhere(), select: { cfgTenantName: true } });
    expect(found.map((tenant) => tenant.cfgTenantName).sort()).toEqual(completeOnes());
  });

  it("agree with the steps' own `when`, in SQL", async () => {
    const rows = await db.$queryRaw<{ name: string }[]>`
      SELECT t.cfg_tenant_name AS name
      FROM tenants t
      JOIN deployments d ON d.id = t.deployment_id
      LEFT JOIN (SELECT tenant_id, ${allApplicableStepsDoneSql.aggregates} FROM step_states GROUP BY tenant_id) s ON s.tenant_id = t.id
      WHERE ${allApplicableStepsDoneSql.condition}`;
    expect(rows.map((row) => row.name).sort()).toEqual(completeOnes());
  });
});
