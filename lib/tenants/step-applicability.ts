import { catalogue, conditionSql, conditionWhere } from "@/lib/provisioning";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Each step's `when` (lib/provisioning/steps) as a condition on the tenant row, for the overview's status filter
 * and counters, which the database evaluates; both come from the one interpreter (step-condition.ts), and
 * step-applicability.test.ts checks that they agree with it. Steps without a `when` apply to every tenant.
 */
const conditional = catalogue.flatMap((step) => {
  const sql = conditionSql(step.when);
  return sql ? [{ key: step.key, sql }] : [];
});
const conditionalKeys = conditional.map((step) => step.key);
const alwaysKeys = catalogue.filter((step) => !conditionalKeys.includes(step.key)).map((step) => step.key);
// A literal (the catalogue's own keys), so the planner treats it as a constant: a parameter costs a lookup per row.
const catalogueKeysLiteral = Prisma.raw(`'{${catalogue.map((step) => step.key).join(",")}}'::text[]`);

/** Tenants on which every step that applies is done (the overview's "done", as summarizeTenant judges a row). */
export function allApplicableStepsDoneWhere(): Prisma.TenantWhereInput {
  return {
    NOT: catalogue.map((step) => ({
      AND: [conditionWhere(step.when), { stepStates: { none: { stepKey: step.key, status: "done" } } }],
    })),
  };
}

/**
 * The same in SQL, in two parts: `aggregates` over a tenant's step_states rows (grouped by tenant, aliased `s` by
 * the caller), and `condition` over those columns, the tenant `t` and its deployment `d`. Steps that always apply
 * are counted (done catalogue steps minus the conditional ones done), which the database does faster than a lookup
 * per key.
 */
export const allApplicableStepsDoneSql = {
  aggregates: Prisma.join(
    [
      Prisma.sql`count(*) FILTER (WHERE status = 'done' AND step_key = ANY(${catalogueKeysLiteral})) AS done_steps`,
      ...conditionalKeys.map(
        (key, index) =>
          Prisma.sql`bool_or(status = 'done' AND step_key = ${key}) AS ${Prisma.raw(`conditional_done_${index}`)}`,
      ),
    ],
    ",\n    ",
  ),
  condition: Prisma.sql`(coalesce(s.done_steps, 0) - ${Prisma.join(
    conditionalKeys.map((_, index) => Prisma.raw(`coalesce(s.conditional_done_${index}, false)::int`)),
    " - ",
  )} = ${alwaysKeys.length} AND ${Prisma.join(
    conditional.map(
      ({ sql }, index) =>
        Prisma.sql`(NOT coalesce(${sql}, false) OR coalesce(${Prisma.raw(`s.conditional_done_${index}`)}, false))`,
    ),
    " AND ",
  )})`,
};
