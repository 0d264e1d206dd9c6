import { getDb } from "@/lib/db/client";
import { checkDatabase } from "@/lib/db/health";
import { AppError } from "@/lib/errors";
import { enqueueRun } from "@/lib/jobs/enqueue";
import { getJobQueue } from "@/lib/jobs/queue-client";
import { cancelRun, findStep } from "@/lib/provisioning";
import { listAuditEvents } from "@/lib/audit/queries";
import type { AuditFilters } from "@/lib/audit/filters";
import { loadTenantChecklist } from "@/lib/tenants/checklist";
import { listTenantOverviewAfter } from "@/lib/tenants/overview";
import { apiRoute } from "./api-route";
import { deploymentJson, deploymentSelect } from "./deployment-json";
import { runOnce, idempotencyKeyHeader } from "./idempotency";
import { apiOperations as ops } from "./operations";
import { problemResponse, problemOf } from "./problem";
import { healthSchema } from "./schemas";
import { auditEventJson, runJson, runSelect, stepStatesJson, tenantDetailJson, tenantSummaryJson } from "./serializers";

// The handlers of /api/v1; app/api/v1/**/route.ts only re-export them.

/** Health needs no token: load balancers and pipelines check it before anything else. */
export async function getHealth(): Promise<Response> {
  try {
    const database = (await checkDatabase(getDb())).ok;
    const body = healthSchema.parse({ status: database ? "ok" : "degraded", database, version: "v1" });
    return Response.json(body, { status: database ? 200 : 503, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return problemResponse(problemOf(error));
  }
}

export const listDeployments = apiRoute(ops.listDeployments, async () => {
  const rows = await getDb().deployment.findMany({ select: deploymentSelect, orderBy: { name: "asc" } });
  return { items: rows.map(deploymentJson) };
});

export const getDeployment = apiRoute(ops.getDeployment, async ({ params }) => {
  const row = await getDb().deployment.findUnique({ where: { id: params.id }, select: deploymentSelect });
  if (!row) throw new AppError("not_found", "This deployment does not exist.");
  return deploymentJson(row);
});

export const listTenants = apiRoute(ops.listTenants, async ({ query }) => {
  // The same parameters as the overview page's URL, checked strictly (the page falls back on bad values instead).
  const { cursor, limit, ...filters } = query;
  const page = await listTenantOverviewAfter(
    getDb(),
    { ...filters, q: filters.q || undefined, region: filters.region || undefined },
    { cursor, limit },
  );
  return { items: page.rows.map(tenantSummaryJson), total: page.total, nextCursor: page.nextCursor };
});

export async function checklistOf(tenantId: string) {
  const checklist = await loadTenantChecklist(getDb(), tenantId);
  if (!checklist) throw new AppError("not_found", "This tenant does not exist.");
  return checklist;
}

export const getTenant = apiRoute(ops.getTenant, async ({ params }) => tenantDetailJson(await checklistOf(params.id)));

export const listTenantSteps = apiRoute(ops.listTenantSteps, async ({ params }) => {
  const checklist = await checklistOf(params.id);
  return { tenantId: checklist.tenant.id, runActive: checklist.runActive, items: stepStatesJson(checklist) };
});

export const listTenantRuns = apiRoute(ops.listTenantRuns, async ({ params, query }) => {
  const db = getDb();
  if (!(await db.tenant.findUnique({ where: { id: params.id }, select: { id: true } })))
    throw new AppError("not_found", "This tenant does not exist.");
  const runs = await db.run.findMany({
    where: { tenantId: params.id },
    orderBy: { queuedAt: "desc" },
    take: query.limit,
    select: runSelect,
  });
  return { items: runs.map(runJson) };
});

async function findRun(id: string) {
  const run = await getDb().run.findUnique({ where: { id }, select: runSelect });
  if (!run) throw new AppError("not_found", "This run does not exist.");
  return run;
}

const startRunHandler =
  (mode: "plan" | "apply" | "verify") =>
  async ({
    params,
    body,
    caller,
    audit,
    request,
  }: Parameters<Parameters<typeof apiRoute<typeof ops.planTenant>>[1]>[0]) => {
    if (body.step !== undefined && !findStep(body.step))
      throw new AppError("invalid_input", "This step is not in the catalogue.", { step: ["is not a known step"] });
    const { runId } = await runOnce(getDb(), {
      tokenId: caller.tokenId,
      key: request.headers.get(idempotencyKeyHeader),
      request: { operationId: `${mode}Tenant`, target: `tenant ${params.id}`, body },
      start: async () => {
        const request = { tenantId: params.id, mode, stepKey: body.step };
        return (await enqueueRun(await getJobQueue(), getDb(), { request, audit })).runId;
      },
    });
    return runJson(await findRun(runId));
  };

export const planTenant = apiRoute(ops.planTenant, startRunHandler("plan"));
export const applyTenant = apiRoute(ops.applyTenant, startRunHandler("apply"));
export const verifyTenant = apiRoute(ops.verifyTenant, startRunHandler("verify"));

export const getRun = apiRoute(ops.getRun, async ({ params }) => runJson(await findRun(params.id)));

export const cancelRunRoute = apiRoute(ops.cancelRun, async ({ params, audit }) => {
  const run = await findRun(params.id);
  await cancelRun(getDb(), audit, { runId: run.id, tenantId: run.tenantId });
  return runJson(await findRun(run.id));
});

export const listAuditEventsRoute = apiRoute(ops.listAuditEvents, async ({ query }) => {
  const { tenant, cursor, limit, from, to, ...rest } = query;
  const filters: AuditFilters = Object.fromEntries(
    Object.entries({
      ...rest,
      targetType: tenant ? "tenant" : rest.targetType,
      targetId: tenant ?? rest.targetId,
      from: from ? new Date(from) : undefined,
      to: to ? new Date(to) : undefined,
    }).filter(([, value]) => value !== undefined),
  );
  const page = await listAuditEvents(getDb(), {
    filters,
    cursor: cursor ? { before: BigInt(cursor) } : undefined,
    pageSize: limit,
  });
  const older = page.older && "before" in page.older ? page.older.before.toString() : null;
  return { items: page.events.map(auditEventJson), nextCursor: older };
});
