import { z } from "zod";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { assertGenesysBaseUrls } from "@/lib/http/outbound-policy";
import { openSecret, sealSecret } from "@/lib/secrets/store";
import { BOOTSTRAP_SECRET, tenantSecretRef } from "../model/secret-refs";
import { tenantLabel } from "../model/tenant-view";
import { validateTenantInput } from "./tenant-validation";

/** What an edit may change: where and as whom the org is reached, the apps URLs without a region, the services. */
export const tenantUpdateSchema = z
  .object({
    tenantId: z.uuid("must be a tenant id"),
    region: z.string().optional(),
    loginBaseUrl: z.string().optional(),
    apiBaseUrl: z.string().optional(),
    bootstrapClientId: z.string(),
    /** Write-only: empty or absent keeps the sealed secret. */
    bootstrapClientSecret: z.string().optional(),
    services: z.array(z.string()).optional(),
    settings: z.object({ redirectUri: z.string().optional(), ssoTargetUri: z.string().optional() }).strict().optional(),
  })
  .strict();

export type TenantUpdate = z.input<typeof tenantUpdateSchema>;

const EDITABLE = ["region", "loginBaseUrl", "apiBaseUrl", "bootstrapClientId", "services", "settings"] as const;

/**
 * The edited tenant as registration would take it, checked by the same rules (the settings a run needs included),
 * with the sealed secret when none was given. The caller tests the credentials with it before updateTenant.
 */
export async function tenantUpdateInput(db: Db, update: TenantUpdate) {
  const { tenantId, bootstrapClientSecret: givenSecret, settings: givenSettings, ...fields } = update;
  const tenant = await db.tenant.findUnique({ where: { id: tenantId } });
  if (!tenant) throw new AppError("not_found", "This tenant no longer exists.");
  const secret = givenSecret || (await openSecret(db, tenantSecretRef(tenant.id, BOOTSTRAP_SECRET)));
  const stored = (tenant.settings ?? {}) as Record<string, unknown>;
  // Without a region the form sends the apps URLs; with one, the stored settings stay as they are.
  const settings = givenSettings
    ? { ...stored, redirectUri: givenSettings.redirectUri, ssoTargetUri: givenSettings.ssoTargetUri }
    : stored;
  const { input } = await validateTenantInput(
    db,
    {
      ...fields,
      deploymentId: tenant.deploymentId,
      cfgTenantName: tenant.cfgTenantName,
      bootstrapClientSecret: secret ?? "",
      services: fields.services ?? tenant.services,
      settings: JSON.parse(JSON.stringify(settings)) as unknown,
    },
    { tenantId },
  );
  return { tenant, input, secretReplaced: Boolean(givenSecret) };
}

/** JSON with sorted keys, so stored settings compare equal to the same settings parsed again. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  ) ?? "null";

type CheckedUpdate = Awaited<ReturnType<typeof tenantUpdateInput>>;

/** Saves an edit checked by tenantUpdateInput; a new bootstrap secret is sealed, never returned or audited. */
export async function updateTenant(
  db: Db,
  context: AuditContext,
  { tenant: before, input, secretReplaced }: CheckedUpdate,
) {
  await assertGenesysBaseUrls(input);
  const next = {
    region: input.region ?? null,
    loginBaseUrl: input.loginBaseUrl ?? null,
    apiBaseUrl: input.apiBaseUrl ?? null,
    bootstrapClientId: input.bootstrapClientId,
    services: input.services,
    settings: input.settings,
  };
  const changed = EDITABLE.filter((field) => canonical(before[field]) !== canonical(next[field]));
  return db.$transaction(async (tx) => {
    const deployment = await tx.deployment.findUniqueOrThrow({ where: { id: before.deploymentId } });
    const tenant = await tx.tenant.update({ where: { id: before.id }, data: next });
    if (secretReplaced) {
      await sealSecret(tx, { ref: tenantSecretRef(tenant.id, BOOTSTRAP_SECRET), value: input.bootstrapClientSecret });
    }
    const changes = Object.fromEntries(changed.map((field) => [field, { from: before[field], to: next[field] }]));
    await recordAuditEvent(tx, context, {
      event: {
        action: "tenant.update",
        outcome: "success",
        target: { type: "tenant", id: tenant.id, label: tenantLabel(deployment.name, tenant.cfgTenantName) },
        details: { changes, resealed: secretReplaced ? [BOOTSTRAP_SECRET] : [] },
      },
      knownSecrets: [input.bootstrapClientSecret],
    });
    return tenant;
  });
}

/**
 * Deletes a tenant that has nothing provisioned: no object created (intent records) and no step applied. Its runs,
 * step records and sealed secrets go with it; its audit history stays (audit rows name it by id and label, with no
 * key that could cascade). Removing provisioned objects (decommission) is a later release's.
 */
export async function deleteTenant(db: Db, context: AuditContext, { tenantId }: { tenantId: string }) {
  return db.$transaction(async (tx) => {
    // The row lock first: a key being prepared or a run being started for the tenant finishes before (or after) this.
    await tx.$queryRaw`SELECT id FROM tenants WHERE id = ${tenantId}::uuid FOR UPDATE`;
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, include: { deployment: true } });
    if (!tenant) throw new AppError("not_found", "This tenant no longer exists.");
    const label = tenantLabel(tenant.deployment.name, tenant.cfgTenantName);
    const [objects, applied, running] = await Promise.all([
      tx.externalIntent.count({ where: { tenantId } }),
      tx.stepState.count({ where: { tenantId, lastAppliedAt: { not: null } } }),
      tx.run.count({ where: { tenantId, status: "running", leaseExpiresAt: { gt: new Date() } } }),
    ]);
    if (running > 0) throw new AppError("conflict", `A run of ${label} is going: wait for it to end, then delete.`);
    if (objects > 0 || applied > 0) {
      throw new AppError(
        "precondition_failed",
        `${label} has provisioned objects (${applied} step${applied === 1 ? "" : "s"} applied), so it cannot be ` +
          "deleted yet: removing them from Genesys Cloud and Configuration Server (decommission) comes in a later " +
          "release. Until then its record stays.",
      );
    }
    const runs = await tx.run.count({ where: { tenantId } });
    await tx.tenant.delete({ where: { id: tenantId } });
    await tx.secret.deleteMany({ where: { ownerType: "tenant", ownerId: tenantId } });
    await recordAuditEvent(tx, context, {
      event: {
        action: "tenant.delete",
        outcome: "success",
        target: { type: "tenant", id: tenantId, label },
        details: { deploymentId: tenant.deploymentId, cfgTenantName: tenant.cfgTenantName, runs },
      },
    });
  });
}
