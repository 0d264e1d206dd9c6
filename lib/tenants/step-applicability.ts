import { catalogue, ADMIN_USERS, EMPLOYEE_ROLE, EWT_CLIENT, TENANT_ISOLATION } from "@/lib/provisioning";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Each step's appliesTo (lib/provisioning/steps) as a condition on the tenant row, for the overview's status filter
 * and counters, which the database evaluates; step-applicability.test.ts checks that they agree with appliesTo.
 * Steps without an entry apply to every tenant.
 */
const applicability: Record<string, { where: Prisma.TenantWhereInput; sql: Prisma.Sql }> = {
  [EWT_CLIENT]: { where: { agentPacing: true }, sql: Prisma.sql`t.agent_pacing` },
  [EMPLOYEE_ROLE]: { where: { predictiveEngagement: true }, sql: Prisma.sql`t.predictive_engagement` },
  [ADMIN_USERS]: { where: { settings: { path: ["adminUsers", "0"], not: Prisma.AnyNull } }, sql: Prisma.sql`(t.settings #> '{adminUsers,0}') IS NOT NULL` },
  [TENANT_ISOLATION]: { where: { deployment: { layout: "multi-tenant" } }, sql: Prisma.sql`d.layout = 'multi-tenant'` },
};

const alwaysKeys = catalogue.filter((step) => !applicability[step.key]).map((step) => step.key);
const conditionalKeys = Object.keys(applicability);
// A literal (the catalogue's own keys), so the planner treats it as a constant: a parameter costs a lookup per row.
const catalogueKeysLiteral = Prisma.raw(`'{${catalogue.map((step) => step.key).join(",")}}'::text[]`);

/** Tenants on which every step that applies is done (the overview's "done", as summarizeTenant judges a row). */
export function allApplicableStepsDoneWhere(): Prisma.TenantWhereInput {
  return { NOT: catalogue.map((step) => ({ AND: [applicability[step.key]?.where ?? {}, { stepStates: { none: { stepKey: step.key, status: "done" } } }] })) };
}

/**
 * The same in SQL, in two parts: `aggregates` over a tenant's step_states rows (grouped by tenant, aliased `s` by
 * the caller), and `condition` over those columns, the tenant `t` and its deployment `d`. Steps that always apply
 * are counted (done catalogue steps minus the conditional ones done), which the database does faster than a lookup
 * per key.
 */
export const allApplicableStepsDoneSql = {
  aggregates: Prisma.join(
    [Prisma.sql`count(*) FILTER (WHERE status = 'done' AND step_key = ANY(${catalogueKeysLiteral})) AS done_steps`, ...conditionalKeys.map((key, index) => Prisma.sql`bool_or(status = 'done' AND step_key = ${key}) AS ${Prisma.raw(`conditional_done_${index}`)}`)],
    ",\n    ",
  ),
  condition: Prisma.sql`(coalesce(s.done_steps, 0) - ${Prisma.join(conditionalKeys.map((_, index) => Prisma.raw(`coalesce(s.conditional_done_${index}, false)::int`)), " - ")} = ${alwaysKeys.length} AND ${Prisma.join(
    conditionalKeys.map((key, index) => Prisma.sql`(NOT coalesce(${applicability[key]!.sql}, false) OR coalesce(${Prisma.raw(`s.conditional_done_${index}`)}, false))`),
    " AND ",
  )})`,
};
