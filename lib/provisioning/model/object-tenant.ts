import { z } from "zod";
import {
  ENVIRONMENT_TENANT,
  isSingleTenantName,
  RESOURCES_TENANT,
  SINGLE_TENANT_NAMES,
  targetTenantName,
  type SingleTenantName,
} from "@/lib/config-server/bridge";
import type { TenantView } from "./tenant-view";

/**
 * The deployment setting: which tenant of a single-tenant Configuration Server holds hybrid_integration. The
 * procedure allows "the Environment or Resources structure"; "detect" takes the one of the two that GAX shows.
 */
export const DETECT_OBJECT_TENANT = "detect";
export const OBJECT_TENANT_CHOICES = [DETECT_OBJECT_TENANT, ENVIRONMENT_TENANT, RESOURCES_TENANT] as const;
export type ObjectTenantChoice = (typeof OBJECT_TENANT_CHOICES)[number];
export const objectTenantChoiceSchema = z.enum(OBJECT_TENANT_CHOICES, {
  error: `must be ${OBJECT_TENANT_CHOICES.join(", ")}`,
});

/** The deployment columns behind the setting. */
export interface ObjectTenantFields {
  name: string;
  layout: string;
  objectTenant: string;
  detectedObjectTenant: string | null;
  objectTenantProblem: string | null;
  objectTenantCheckedAt: Date | null;
}

export type ObjectTenant = { name: SingleTenantName; source: "chosen" | "detected" } | { name: null; problem: string };

const notDetected =
  "it has not been detected yet. Detect it on the Deployments page, " +
  `or choose ${SINGLE_TENANT_NAMES.join(" or ")} there.`;

/** Where a single-tenant deployment keeps hybrid_integration: the operator's choice, else what detection found. */
export function resolveObjectTenant(deployment: ObjectTenantFields): ObjectTenant {
  if (isSingleTenantName(deployment.objectTenant)) return { name: deployment.objectTenant, source: "chosen" };
  if (isSingleTenantName(deployment.detectedObjectTenant)) {
    return { name: deployment.detectedObjectTenant, source: "detected" };
  }
  const reason = deployment.objectTenantProblem ?? notDetected;
  const problem = `Deployment "${deployment.name}" does not know which tenant holds hybrid_integration: ${reason}`;
  return { name: null, problem };
}

/** What the last detection says against the operator's choice (a different tenant, both, neither, GAX failing). */
export function objectTenantWarning(deployment: ObjectTenantFields): string | null {
  const chosen = deployment.objectTenant;
  if (!isSingleTenantName(chosen) || !deployment.objectTenantCheckedAt) return null;
  if (deployment.objectTenantProblem) return deployment.objectTenantProblem;
  const detected = deployment.detectedObjectTenant;
  if (!detected || detected === chosen) return null;
  return `GAX shows a ${detected} tenant, not ${chosen}: check the deployment's choice.`;
}

/**
 * The tenant the tenant's hybrid_integration goes into: its own in a multi-tenant deployment, the deployment's one
 * tenant (Environment or Resources) in a single-tenant one, or why that is not known yet.
 */
export function objectTenantOf(
  tenant: Pick<TenantView, "cfgTenantName" | "deployment">,
): { name: string } | { name: null; problem: string } {
  const { layout, objectTenant } = tenant.deployment;
  if (layout === "multi-tenant") return { name: targetTenantName(layout, tenant.cfgTenantName) };
  return objectTenant.name ? { name: targetTenantName(layout, tenant.cfgTenantName, objectTenant.name) } : objectTenant;
}

/** Parses objectTenantOf in a step's input: the tenant's name, or an issue that says why it is unknown. */
export const objectTenantInputSchema = z
  .object({ name: z.string().min(1).nullable(), problem: z.string().optional() })
  .transform((value, ctx) => {
    if (value.name) return value.name;
    const reason = value.problem ?? "the deployment does not say which tenant holds hybrid_integration";
    ctx.addIssue({ code: "custom", message: `is unknown: ${reason}` });
    return z.NEVER;
  });
