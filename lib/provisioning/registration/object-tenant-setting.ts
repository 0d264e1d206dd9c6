import { assertOutboundUrl } from "@/lib/http/outbound-policy";
import { z } from "zod";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record";
import type { ConfigServerBridge } from "@/lib/config-server/bridge";
import type { GaxSettingsInput } from "@/lib/config-server/gax-settings";
import type { Db, DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Deployment } from "@/lib/generated/prisma/client";
import { openSecret } from "@/lib/secrets/store";
import { deploymentBridge } from "../engine/connections";
import { describeFailure } from "../engine/failures";
import {
  objectTenantChoiceSchema,
  objectTenantWarning,
  resolveObjectTenant,
  type ObjectTenant,
  type ObjectTenantChoice,
} from "../model/object-tenant";
import { parseInput } from "../model/parse-input";
import { gaxPasswordRef } from "../model/secret-refs";

interface RenamedTenant {
  id: string;
  from: string;
  to: string;
}

interface ObjectTenantOutcome {
  objectTenant: ObjectTenant;
  /** What the last detection says against the operator's choice, if anything. */
  warning: string | null;
  /** The deployment's registered tenant, renamed to the tenant that now holds the object. */
  renamedTenant: RenamedTenant | null;
}

async function singleTenantDeployment(db: DbTx, deploymentId: string): Promise<Deployment> {
  const deployment = await db.deployment.findUnique({ where: { id: deploymentId } });
  if (!deployment) throw new AppError("not_found", "This deployment no longer exists.");
  if (deployment.layout !== "single-tenant") {
    const message = `Deployment "${deployment.name}" is multi-tenant: each of its tenants holds its own object.`;
    throw new AppError("invalid_input", message, { objectTenant: ["applies only to a single-tenant deployment"] });
  }
  return deployment;
}

/**
 * A single-tenant deployment has one registered tenant, named after the Configuration Server tenant that holds the
 * object; when that changes (a new choice, a new detection), the registered tenant follows, so labels stay true.
 */
async function followObjectTenant(tx: DbTx, deployment: Deployment): Promise<RenamedTenant | null> {
  const { name } = resolveObjectTenant(deployment);
  if (!name) return null;
  const tenants = await tx.tenant.findMany({
    where: { deploymentId: deployment.id },
    select: { id: true, cfgTenantName: true },
  });
  const stale = tenants.find((tenant) => tenant.cfgTenantName !== name);
  if (!stale || tenants.some((tenant) => tenant.cfgTenantName === name)) return null;
  await tx.tenant.update({ where: { id: stale.id }, data: { cfgTenantName: name } });
  return { id: stale.id, from: stale.cfgTenantName, to: name };
}

const outcomeOf = (deployment: Deployment, renamedTenant: RenamedTenant | null): ObjectTenantOutcome => ({
  objectTenant: resolveObjectTenant(deployment),
  warning: objectTenantWarning(deployment),
  renamedTenant,
});

const target = (deployment: Deployment) => ({ type: "deployment" as const, id: deployment.id, label: deployment.name });

type Detected = { found: string; problem: null } | { found: null; problem: string };

async function askGax(
  deployment: Deployment,
  password: string | undefined,
  gax: Partial<GaxSettingsInput>,
): Promise<Detected> {
  if (!password) {
    const problem = `The GAX password of deployment "${deployment.name}" is not stored; enter it again.`;
    return { found: null, problem };
  }
  let bridge: ConfigServerBridge | undefined;
  try {
    await assertOutboundUrl(deployment.gaxBaseUrl, "gaxBaseUrl");
    bridge = deploymentBridge(deployment, password, { timeoutMs: 10_000, ...gax });
    const detection = await bridge.detectSingleTenant();
    if (detection.status === "found") return { found: detection.tenant.name, problem: null };
    return { found: null, problem: detection.message };
  } catch (error) {
    const failure = describeFailure(error, "Detecting the tenant of hybrid_integration", deployment.id);
    return { found: null, problem: `GAX could not be asked which tenant there is: ${failure.message}` };
  } finally {
    await bridge?.close().catch(() => undefined);
  }
}

/**
 * Signs in to the deployment's GAX and looks for its Environment and Resources tenants; records what it found (or
 * why it found none) on the deployment. Under "detect", the tenant found is where hybrid_integration goes.
 */
export async function detectObjectTenant(
  db: Db,
  context: AuditContext,
  { deploymentId, gax }: { deploymentId: string; gax?: Partial<GaxSettingsInput> },
): Promise<ObjectTenantOutcome> {
  const deployment = await singleTenantDeployment(db, deploymentId);
  const password = await openSecret(db, gaxPasswordRef(deployment.id));
  const detected = await askGax(deployment, password, gax ?? {});
  return db.$transaction(async (tx) => {
    const updated = await tx.deployment.update({
      where: { id: deployment.id },
      data: {
        detectedObjectTenant: detected.found,
        objectTenantProblem: detected.problem,
        objectTenantCheckedAt: new Date(),
      },
    });
    const renamedTenant = await followObjectTenant(tx, updated);
    const details = { objectTenant: updated.objectTenant, ...detected, ...(renamedTenant ? { renamedTenant } : {}) };
    const outcome = detected.found ? ("success" as const) : ("failure" as const);
    const event = { action: "deployment.detect_object_tenant" as const, outcome, target: target(updated), details };
    await recordAuditEvent(tx, context, { event, knownSecrets: password ? [password] : [] });
    return outcomeOf(updated, renamedTenant);
  });
}

const choiceInput = z.object({ objectTenant: objectTenantChoiceSchema }).strict();

/** Sets which tenant holds hybrid_integration in a single-tenant deployment: Environment, Resources, or detect. */
export async function chooseObjectTenant(
  db: Db,
  context: AuditContext,
  { deploymentId, choice }: { deploymentId: string; choice: ObjectTenantChoice },
): Promise<ObjectTenantOutcome> {
  const { objectTenant } = parseInput(choiceInput, { objectTenant: choice }, "object tenant");
  return db.$transaction(async (tx) => {
    const deployment = await singleTenantDeployment(tx, deploymentId);
    if (deployment.objectTenant === objectTenant) return outcomeOf(deployment, null);
    const updated = await tx.deployment.update({ where: { id: deployment.id }, data: { objectTenant } });
    const renamedTenant = await followObjectTenant(tx, updated);
    const changes = { objectTenant: { from: deployment.objectTenant, to: objectTenant } };
    await recordAuditEvent(tx, context, {
      event: {
        action: "deployment.update",
        outcome: "success",
        target: target(updated),
        details: { changes, ...(renamedTenant ? { renamedTenant } : {}) },
      },
    });
    return outcomeOf(updated, renamedTenant);
  });
}
