import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueRotation } from "@/lib/jobs/rotation-jobs";
import { getJobQueue } from "@/lib/jobs/queue-client";
import { currentKeyMaterial, updateDeployment } from "@/lib/provisioning";
import { registerDeploymentDetected } from "@/lib/tenants/register-deployment";
import { editTenant, registerTenant } from "@/lib/tenants/register-tenant";
import { apiRoute } from "./api-route";
import { deploymentJson, deploymentSelect } from "./deployment-json";
import { checklistOf } from "./handlers";
import { idempotencyKeyHeader, runOnce } from "./idempotency";
import { importDocument } from "./import-document";
import { apiOperations as ops } from "./operations";
import { tenantDetailJson } from "./serializers";

// The writing handlers of /api/v1: the same domain functions as the dashboard's server actions, role re-checked per
// request by apiRoute, audited by those functions in their own transactions.

const connectionJson = (check: { ok: boolean; message: string } | undefined | null) =>
  check ? { ok: check.ok, message: check.message } : null;

async function deploymentById(id: string) {
  const row = await getDb().deployment.findUnique({ where: { id }, select: deploymentSelect });
  if (!row) throw new AppError("not_found", "This deployment does not exist.");
  return row;
}

export const createDeploymentRoute = apiRoute(ops.createDeployment, async ({ body, audit }) => {
  const { deployment, connection } = await registerDeploymentDetected(getDb(), audit, body);
  return { deployment: deploymentJson(await deploymentById(deployment.id)), connection: connectionJson(connection) };
});

export const updateDeploymentRoute = apiRoute(ops.updateDeployment, async ({ params, body, audit }) => {
  const before = await getDb().deployment.findUnique({ where: { id: params.id } });
  if (!before) throw new AppError("not_found", "This deployment does not exist.");
  const { connection } = await updateDeployment(getDb(), audit, {
    deploymentId: before.id,
    name: body.name ?? before.name,
    gaxBaseUrl: body.gaxBaseUrl ?? before.gaxBaseUrl,
    gaxUsername: body.gaxUsername ?? before.gaxUsername,
    gaxPassword: body.gaxPassword,
    gaxPasswordEncrypted: body.gaxPasswordEncrypted ?? before.gaxPasswordEncrypted,
    annexSection: body.annexSection ?? before.annexSection,
    notes: body.notes ?? before.notes,
    saveAnyway: body.saveAnyway,
  });
  return { deployment: deploymentJson(await deploymentById(before.id)), connection: connectionJson(connection) };
});

export const createTenantRoute = apiRoute(ops.createTenant, async ({ body, audit }) => {
  const { tenant, warnings } = await registerTenant(getDb(), audit, body);
  return { tenant: tenantDetailJson(await checklistOf(tenant.id)), warnings };
});

export const updateTenantRoute = apiRoute(ops.updateTenant, async ({ params, body, audit }) => {
  const before = await getDb().tenant.findUnique({ where: { id: params.id } });
  if (!before) throw new AppError("not_found", "This tenant does not exist.");
  // The org's address is one thing: given in part, the parts left out are cleared (region or both base URLs).
  const address = "region" in body || "loginBaseUrl" in body || "apiBaseUrl" in body ? body : before;
  const { tenant, warnings } = await editTenant(getDb(), audit, {
    tenantId: before.id,
    region: address.region ?? undefined,
    loginBaseUrl: address.loginBaseUrl ?? undefined,
    apiBaseUrl: address.apiBaseUrl ?? undefined,
    bootstrapClientId: body.bootstrapClientId ?? before.bootstrapClientId,
    bootstrapClientSecret: body.bootstrapClientSecret,
    services: body.services,
    settings: body.settings,
  });
  return { tenant: tenantDetailJson(await checklistOf(tenant.id)), warnings };
});

export const importFleetRoute = apiRoute(ops.importFleet, async ({ query, caller, audit, request }) =>
  importDocument(request, {
    dryRun: query.dryRun,
    audit,
    mayManageDeployments: can(caller.user.role, "deployment.manage"),
  }),
);

export const rotateCertificateRoute = apiRoute(ops.rotateCertificate, async ({ params, caller, audit, request }) => {
  const db = getDb();
  if (!(await db.tenant.findUnique({ where: { id: params.id }, select: { id: true } })))
    throw new AppError("not_found", "This tenant does not exist.");
  // Refuse at once what the worker would refuse, as the dashboard does.
  await currentKeyMaterial(db, params.id);
  const { runId: jobId } = await runOnce(db, {
    tokenId: caller.tokenId,
    key: request.headers.get(idempotencyKeyHeader),
    request: { operationId: "rotateCertificate", target: `tenant ${params.id}`, body: {} },
    start: async () => enqueueRotation(await getJobQueue(), params.id, audit),
  });
  return { tenantId: params.id, status: "queued" as const, jobId };
});
