import type { DbTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { certificateExpiry, certificateWarningCutoff, type CertificateExpiry } from "./overview-certificate";
import type { OverviewParams } from "./overview-params";
import { afterWhere, decodeCursor, encodeCursor, orderByOf, sortKeys, sortValuesOf } from "./overview-keyset";
import type { TenantStatus } from "./statuses";
import { allApplicableStepsDoneWhere } from "./step-applicability";
import { summarizeTenant, type TenantSummary } from "./tenant-status";

export interface OverviewRow {
  id: string;
  cfgTenantName: string;
  deployment: { id: string; name: string };
  region: string | null;
  orgShortName: string | null;
  certificate: CertificateExpiry;
  summary: TenantSummary;
  lastRun: {
    mode: string;
    status: string;
    startedAt: Date;
    finishedAt: Date | null;
    operatorMessage: string | null;
  } | null;
}

interface OverviewPage {
  rows: OverviewRow[];
  total: number;
  page: number;
  pageCount: number;
}

/** Verify outcomes that count as drift (the same as stepStatusOf). */
export const DRIFTED_VERIFY_STATUSES = ["drifted", "missing"];

function activeRun(now: Date): Prisma.TenantWhereInput {
  return {
    OR: [
      { runs: { some: { status: "running", leaseExpiresAt: { gt: now } } } },
      { stepStates: { some: { status: "running" } } },
    ],
  };
}

/** The precedence of summarizeTenant: running, failed, needs input, done (every step that applies), in progress. */
function statusWhere(status: TenantStatus, now: Date): Prisma.TenantWhereInput {
  const running = activeRun(now);
  const failed: Prisma.TenantWhereInput = { stepStates: { some: { status: "failed" } } };
  const waiting: Prisma.TenantWhereInput = { stepStates: { some: { status: "needs-input" } } };
  const finished = allApplicableStepsDoneWhere();
  const started: Prisma.TenantWhereInput = { stepStates: { some: { status: "done" } } };
  switch (status) {
    case "running":
      return running;
    case "failed":
      return { AND: [failed], NOT: [running] };
    case "needs-input":
      return { AND: [waiting], NOT: [running, failed] };
    case "done":
      return { AND: [finished], NOT: [running, failed, waiting] };
    case "in-progress":
      return { AND: [started], NOT: [running, failed, waiting, finished] };
    case "not-started":
      return { NOT: [running, failed, waiting, started] };
  }
}

function overviewWhere(params: Omit<OverviewParams, "page" | "size">, now = new Date()): Prisma.TenantWhereInput {
  const and: Prisma.TenantWhereInput[] = [];
  if (params.q) {
    const contains = { contains: params.q, mode: "insensitive" as const };
    and.push({
      OR: [
        { cfgTenantName: contains },
        { orgShortName: contains },
        { orgName: contains },
        { deployment: { name: contains } },
      ],
    });
  }
  if (params.deployment) and.push({ deploymentId: params.deployment });
  if (params.region) and.push({ region: params.region });
  if (params.status) and.push(statusWhere(params.status, now));
  if (params.drift === "yes") and.push({ stepStates: { some: { verifyStatus: { in: DRIFTED_VERIFY_STATUSES } } } });
  if (params.drift === "no") and.push({ stepStates: { none: { verifyStatus: { in: DRIFTED_VERIFY_STATUSES } } } });
  if (params.cert === "expiring") and.push({ certificateExpiresAt: { lt: certificateWarningCutoff(now) } });
  return { AND: and };
}

/** One page of the tenants overview: filtered, sorted and counted in the database; statuses derived per row. */
export async function listTenantOverview(db: DbTx, params: OverviewParams, now = new Date()): Promise<OverviewPage> {
  const total = await db.tenant.count({ where: overviewWhere(params, now) });
  const pageCount = Math.max(1, Math.ceil(total / params.size));
  const page = Math.min(params.page, pageCount);
  const { rows } = await overviewRows(db, params, { skip: (page - 1) * params.size, take: params.size, now });
  return { rows, total, page, pageCount };
}

/**
 * Up to `limit` tenants after `cursor` (a nextCursor of the same sort), in the overview's order: pages that stay
 * right when tenants are added or removed in between (the API's paging).
 */
export async function listTenantOverviewAfter(
  db: DbTx,
  params: Omit<OverviewParams, "page" | "size">,
  { cursor, limit, now = new Date() }: { cursor?: string; limit: number; now?: Date },
): Promise<{ rows: OverviewRow[]; total: number; nextCursor: string | null }> {
  const after = cursor ? afterWhere(sortKeys(params), decodeCursor(cursor, params)) : undefined;
  const total = await db.tenant.count({ where: overviewWhere(params, now) });
  const page = await overviewRows(db, params, { take: limit + 1, now, after });
  const rows = page.rows.slice(0, limit);
  const last = page.sortValues[limit - 1];
  return { rows, total, nextCursor: page.rows.length > limit && last ? encodeCursor(params, last) : null };
}

/**
 * Every tenant the filters match, in the overview's order, a batch at a time (the CSV export): the page and the export
 * read the same rows the same way.
 */
export async function* overviewRowBatches(
  db: DbTx,
  params: OverviewParams,
  { batchSize = 500, now = new Date() }: { batchSize?: number; now?: Date } = {},
): AsyncGenerator<OverviewRow[]> {
  for (let skip = 0; ; skip += batchSize) {
    const { rows } = await overviewRows(db, params, { skip, take: batchSize, now });
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
  }
}

async function overviewRows(
  db: DbTx,
  params: Omit<OverviewParams, "page" | "size">,
  { skip, take, now, after }: { skip?: number; take: number; now: Date; after?: Prisma.TenantWhereInput },
): Promise<{ rows: OverviewRow[]; sortValues: ReturnType<typeof sortValuesOf>[] }> {
  const keys = sortKeys(params);
  const where = overviewWhere(params, now);
  const tenants = await db.tenant.findMany({
    where: after ? { AND: [where, after] } : where,
    orderBy: orderByOf(keys),
    skip,
    take,
    select: {
      id: true,
      createdAt: true,
      cfgTenantName: true,
      region: true,
      orgShortName: true,
      certificateExpiresAt: true,
      services: true,
      settings: true,
      deployment: { select: { id: true, name: true, layout: true } },
      stepStates: { select: { stepKey: true, status: true, verifyStatus: true, lastVerifiedAt: true } },
      runs: {
        orderBy: { startedAt: "desc" },
        take: 1,
        select: {
          mode: true,
          status: true,
          startedAt: true,
          finishedAt: true,
          operatorMessage: true,
          leaseExpiresAt: true,
        },
      },
    },
  });
  const rows = tenants.map((tenant): OverviewRow => {
    const latest = tenant.runs[0];
    const runActive = latest?.status === "running" && latest.leaseExpiresAt > now;
    const lastRun = latest
      ? {
          mode: latest.mode,
          status: latest.status === "running" && !runActive ? "abandoned" : latest.status,
          startedAt: latest.startedAt,
          finishedAt: latest.finishedAt,
          operatorMessage: latest.operatorMessage,
        }
      : null;
    return {
      id: tenant.id,
      cfgTenantName: tenant.cfgTenantName,
      deployment: tenant.deployment,
      region: tenant.region,
      orgShortName: tenant.orgShortName,
      certificate: certificateExpiry(tenant.certificateExpiresAt, now),
      summary: summarizeTenant(tenant, tenant.stepStates, runActive),
      lastRun,
    };
  });
  return { rows, sortValues: tenants.map((tenant) => sortValuesOf(keys, tenant)) };
}

/** The values the filter menus offer. */
export async function overviewFilterChoices(db: DbTx) {
  const [deployments, regions] = await Promise.all([
    db.deployment.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, layout: true } }),
    // GROUP BY in the database (Prisma's distinct would read every tenant and de-duplicate in memory).
    db.tenant.groupBy({ by: ["region"], where: { region: { not: null } }, orderBy: { region: "asc" } }),
  ]);
  return { deployments, regions: regions.map((row) => row.region!).filter(Boolean) };
}
