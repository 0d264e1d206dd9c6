import { httpUrl, lineText, secretText } from "@/lib/validation/text";
import { assertGenesysBaseUrls } from "@/lib/http/outbound-policy";
import { z } from "zod";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record";
import { ENVIRONMENT_TENANT } from "@/lib/config-server/bridge";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { findRegion, GENESYS_CLOUD_REGIONS } from "@/lib/genesys-cloud";
import { sealSecret } from "@/lib/secrets/store";
import { resolveObjectTenant, type ObjectTenantFields } from "../model/object-tenant";
import { parseInput } from "../model/parse-input";
import { BOOTSTRAP_SECRET, tenantSecretRef } from "../model/secret-refs";
import { DEFAULT_SERVICES, isServiceKey, SERVICE_KEYS } from "../model/services";
import { tenantSettingsSchema } from "../model/settings";
import { tenantLabel } from "../model/tenant-view";

/** Service keys of lib/provisioning/model/services.ts, stored in that list's order. */
const servicesSchema = z
  .array(z.string(), { error: "must be a list of service keys" })
  .refine((keys) => keys.every(isServiceKey), `must list only services from: ${SERVICE_KEYS.join(", ")}`)
  .refine((keys) => new Set(keys).size === keys.length, "must not list a service twice")
  .transform((keys) => SERVICE_KEYS.filter((key) => keys.includes(key)))
  .default([...DEFAULT_SERVICES]);

export const tenantInputSchema = z
  .object({
    deploymentId: z.uuid("must be a deployment id"),
    /** Configuration Server tenant name; a single-tenant deployment uses its one tenant (Environment or Resources). */
    cfgTenantName: lineText(255).optional(),
    region: z
      .string()
      .refine(
        (id) => findRegion(id) !== undefined,
        `must be a Genesys Cloud region id (${GENESYS_CLOUD_REGIONS.map((r) => r.id).join(", ")})`,
      )
      .optional(),
    loginBaseUrl: httpUrl().optional(),
    apiBaseUrl: httpUrl().optional(),
    bootstrapClientId: lineText(255),
    bootstrapClientSecret: secretText(),
    services: servicesSchema,
    settings: tenantSettingsSchema.default(tenantSettingsSchema.parse({})),
  })
  .strict()
  .superRefine((input, ctx) => {
    if ((input.loginBaseUrl === undefined) !== (input.apiBaseUrl === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [input.loginBaseUrl === undefined ? "loginBaseUrl" : "apiBaseUrl"],
        message: "must be given together with the other base URL",
      });
    }
    if (input.region === undefined && input.loginBaseUrl === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["region"],
        message: "is required unless loginBaseUrl and apiBaseUrl are given",
      });
    }
  });

export type TenantInput = z.input<typeof tenantInputSchema>;

/** A single-tenant deployment's tenant is named after the tenant that holds its object: Environment or Resources. */
function singleTenantName(deployment: ObjectTenantFields, givenName: string | undefined): string {
  const objectTenant = resolveObjectTenant(deployment);
  if (!objectTenant.name) {
    throw new AppError("precondition_failed", objectTenant.problem, {
      deploymentId: ["does not know yet which tenant holds hybrid_integration"],
    });
  }
  if (givenName !== undefined && givenName !== objectTenant.name) {
    const message = `Deployment "${deployment.name}" keeps hybrid_integration in its ${objectTenant.name} tenant.`;
    throw new AppError("invalid_input", message, {
      cfgTenantName: [`must be ${objectTenant.name} (or left empty) in this single-tenant deployment`],
    });
  }
  return objectTenant.name;
}

/** Registers a tenant of a deployment; the bootstrap client secret is sealed in the same transaction. */
export async function createTenant(db: Db, context: AuditContext, input: TenantInput) {
  const { bootstrapClientSecret, cfgTenantName: givenName, ...fields } = parseInput(tenantInputSchema, input, "tenant");
  await assertGenesysBaseUrls(fields);
  return db.$transaction(async (tx) => {
    const deployment = await tx.deployment.findUnique({ where: { id: fields.deploymentId } });
    if (!deployment)
      throw new AppError("not_found", "This deployment no longer exists.", { deploymentId: ["no such deployment"] });
    const cfgTenantName = deployment.layout === "single-tenant" ? singleTenantName(deployment, givenName) : givenName;
    if (deployment.layout === "multi-tenant" && (!cfgTenantName || cfgTenantName === ENVIRONMENT_TENANT)) {
      throw new AppError("invalid_input", "A multi-tenant deployment needs the tenant's own name.", {
        cfgTenantName: [`must name a tenant other than ${ENVIRONMENT_TENANT}`],
      });
    }
    if (!cfgTenantName)
      throw new AppError("invalid_input", "cfgTenantName is required.", { cfgTenantName: ["is required"] });
    if (
      await tx.tenant.findUnique({
        where: { deploymentId_cfgTenantName: { deploymentId: deployment.id, cfgTenantName } },
        select: { id: true },
      })
    ) {
      throw new AppError(
        "conflict",
        `Tenant "${cfgTenantName}" is already registered in deployment "${deployment.name}".`,
        { cfgTenantName: ["is already registered in this deployment"] },
      );
    }
    const tenant = await tx.tenant.create({ data: { ...fields, cfgTenantName, settings: fields.settings } });
    await sealSecret(tx, { ref: tenantSecretRef(tenant.id, BOOTSTRAP_SECRET), value: bootstrapClientSecret });
    await recordAuditEvent(tx, context, {
      event: {
        action: "tenant.create",
        outcome: "success",
        target: { type: "tenant", id: tenant.id, label: tenantLabel(deployment.name, cfgTenantName) },
        details: {
          deploymentId: deployment.id,
          cfgTenantName,
          region: tenant.region,
          services: tenant.services,
        },
      },
      knownSecrets: [bootstrapClientSecret],
    });
    return tenant;
  });
}
