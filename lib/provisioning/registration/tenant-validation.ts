import type { z } from "zod";
import { ENVIRONMENT_TENANT } from "@/lib/config-server/bridge";
import type { DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Deployment } from "@/lib/generated/prisma/client";
import { describeFieldErrors } from "@/lib/validation/field-labels";
import { resolveObjectTenant } from "../model/object-tenant";
import { tenantInputSchema } from "./tenant-input";

type FieldErrors = Record<string, string[]>;
type TenantFields = z.output<typeof tenantInputSchema>;

/** The Configuration Server tenant name the deployment requires, or the problem with the one given. */
function tenantNameFor(
  deployment: Deployment,
  givenName: string | undefined,
): { name: string } | { refusal: AppError } {
  if (deployment.layout === "single-tenant") {
    const objectTenant = resolveObjectTenant(deployment);
    if (!objectTenant.name) {
      const refusal = new AppError("precondition_failed", objectTenant.problem, {
        deploymentId: ["does not know yet which tenant holds hybrid_integration"],
      });
      return { refusal };
    }
    if (givenName !== undefined && givenName !== objectTenant.name) {
      const message = `Deployment "${deployment.name}" keeps hybrid_integration in its ${objectTenant.name} tenant.`;
      const rule = `must be ${objectTenant.name} (or left empty) in this single-tenant deployment`;
      return { refusal: new AppError("invalid_input", message, { cfgTenantName: [rule] }) };
    }
    return { name: objectTenant.name };
  }
  if (!givenName || givenName === ENVIRONMENT_TENANT) {
    const rule = `is required: the tenant's own name in Configuration Server (not ${ENVIRONMENT_TENANT})`;
    const message = "A multi-tenant deployment needs the tenant's own name.";
    return { refusal: new AppError("invalid_input", message, { cfgTenantName: [rule] }) };
  }
  return { name: givenName };
}

/** The tenant name a deployment requires, checked against the names its other tenants already use. */
async function tenantNameProblems(
  db: DbTx,
  { deploymentId, givenName, tenantId }: { deploymentId: string; givenName: string | undefined; tenantId?: string },
): Promise<{ deployment?: Deployment; name?: string; refusal?: AppError }> {
  const deployment = await db.deployment.findUnique({ where: { id: deploymentId } });
  if (!deployment) {
    return {
      refusal: new AppError("not_found", "This deployment no longer exists.", { deploymentId: ["no such deployment"] }),
    };
  }
  const named = tenantNameFor(deployment, givenName);
  if ("refusal" in named) return { deployment, refusal: named.refusal };
  const taken = await db.tenant.findUnique({
    where: { deploymentId_cfgTenantName: { deploymentId, cfgTenantName: named.name } },
    select: { id: true },
  });
  if (taken && taken.id !== tenantId) {
    const message = `Tenant "${named.name}" is already registered in deployment "${deployment.name}".`;
    return {
      deployment,
      refusal: new AppError("conflict", message, { cfgTenantName: ["is already registered in this deployment"] }),
    };
  }
  return { deployment, name: named.name };
}

const rawText = (input: unknown, field: string): string | undefined => {
  const value = typeof input === "object" && input !== null ? (input as Record<string, unknown>)[field] : undefined;
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every problem of a tenant registration at once, so a form flags each field on the first submit: the fields' own
 * rules, the settings a run needs, the name the deployment requires and a name already taken. `tenantId`: the tenant
 * being edited, whose own name is not taken.
 */
export async function validateTenantInput(
  db: DbTx,
  input: unknown,
  options: { tenantId?: string } = {},
): Promise<{ input: TenantFields; deployment: Deployment; cfgTenantName: string }> {
  const parsed = tenantInputSchema.safeParse(input);
  const fieldErrors: FieldErrors = {};
  if (!parsed.success)
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "input"] ??= []).push(issue.message);
  const deploymentId = rawText(input, "deploymentId");
  const named =
    deploymentId && UUID.test(deploymentId) && !fieldErrors.cfgTenantName
      ? await tenantNameProblems(db, { deploymentId, givenName: rawText(input, "cfgTenantName"), ...options })
      : {};
  if (parsed.success && named.deployment && named.name)
    return { input: parsed.data, deployment: named.deployment, cfgTenantName: named.name };
  if (named.refusal && parsed.success) throw named.refusal;
  for (const [field, messages] of Object.entries(named.refusal?.fieldErrors ?? {}))
    (fieldErrors[field] ??= []).push(...messages);
  throw new AppError("invalid_input", `Invalid tenant: ${describeFieldErrors(fieldErrors)}`, fieldErrors);
}
