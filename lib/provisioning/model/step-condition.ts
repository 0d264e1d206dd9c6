import { Prisma } from "@/lib/generated/prisma/client";
import type { DeploymentLayout } from "./deployment-layout";
import { hasService, type ServiceKey } from "./services";

/** When a step applies, as data: one condition, or a list meaning all of them. Without one a step always applies. */
export type StepCondition =
  | { service: ServiceKey }
  /** At least one of the services. */
  | { anyService: readonly ServiceKey[] }
  | { layout: DeploymentLayout }
  /** The setting is a non-empty list. */
  | { setting: "adminUsers" };
export type StepWhen = StepCondition | readonly StepCondition[];

/** What a condition reads of a tenant: a TenantView has it, and so has a row with its deployment. */
export interface ConditionFacts {
  services: readonly string[];
  deployment: { layout: string };
  settings: { adminUsers: readonly unknown[] };
}

const conditionsOf = (when: StepWhen | undefined): readonly StepCondition[] =>
  when === undefined ? [] : "length" in when ? when : [when];

function holds(condition: StepCondition, tenant: ConditionFacts): boolean {
  if ("service" in condition) return hasService(tenant, condition.service);
  if ("anyService" in condition) return condition.anyService.some((key) => hasService(tenant, key));
  if ("layout" in condition) return tenant.deployment.layout === condition.layout;
  return tenant.settings[condition.setting].length > 0;
}

function whereOf(condition: StepCondition): Prisma.TenantWhereInput {
  if ("service" in condition) return { services: { has: condition.service } };
  if ("anyService" in condition) return { services: { hasSome: [...condition.anyService] } };
  if ("layout" in condition) return { deployment: { layout: condition.layout } };
  return { settings: { path: [condition.setting, "0"], not: Prisma.AnyNull } };
}

function sqlOf(condition: StepCondition): Prisma.Sql {
  if ("service" in condition) return Prisma.sql`${condition.service} = ANY(t.services)`;
  if ("anyService" in condition) return Prisma.sql`t.services && ${[...condition.anyService]}::text[]`;
  if ("layout" in condition) return Prisma.sql`d.layout = ${condition.layout}`;
  return Prisma.sql`(t.settings #> ${`{${condition.setting},0}`}::text[]) IS NOT NULL`;
}

/** Whether a step with this `when` applies to the tenant. */
export const conditionHolds = (when: StepWhen | undefined, tenant: ConditionFacts) =>
  conditionsOf(when).every((condition) => holds(condition, tenant));

/** The same as a Prisma filter on tenants. */
export const conditionWhere = (when: StepWhen | undefined): Prisma.TenantWhereInput => ({
  AND: conditionsOf(when).map(whereOf),
});

/** The same in SQL, over the tenant aliased `t` and its deployment `d`; null when the step always applies. */
export function conditionSql(when: StepWhen | undefined): Prisma.Sql | null {
  const conditions = conditionsOf(when);
  return conditions.length === 0 ? null : Prisma.sql`(${Prisma.join(conditions.map(sqlOf), " AND ")})`;
}
