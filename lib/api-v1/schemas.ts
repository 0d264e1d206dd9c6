import { z } from "zod";
import { auditActions, type AuditAction } from "@/lib/audit/events";
import { STEP_STATUSES, TENANT_STATUSES } from "@/lib/tenants/statuses";
import { RUN_MODES } from "@/lib/tenants/run-request";
import { SORT_KEYS } from "@/lib/tenants/overview-params";
import { isSingleLine } from "@/lib/validation/text";

// Request and response shapes of /api/v1. Each named schema (.meta id) becomes a component of the OpenAPI document.

const timestamp = z.iso.datetime({ offset: true });
const nullableTimestamp = timestamp.nullable();
const filterText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine(isSingleLine, "must not contain control characters or line breaks");

export const idParams = z.object({ id: z.uuid("must be an id") });
export const runParams = z.object({ id: z.uuid("must be a run id") });

export const healthSchema = z
  .object({ status: z.enum(["ok", "degraded"]), database: z.boolean(), version: z.literal("v1") })
  .meta({ id: "Health" });

export const deploymentSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    layout: z.enum(["single-tenant", "multi-tenant"]),
    gaxBaseUrl: z.string(),
    gaxUsername: z.string(),
    objectTenant: z.string(),
    connectionOk: z.boolean().nullable(),
    connectionMessage: z.string().nullable(),
    connectionCheckedAt: nullableTimestamp,
    notes: z.string(),
    tenantCount: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "Deployment" });
export const deploymentListSchema = z.object({ items: z.array(deploymentSchema) }).meta({ id: "DeploymentList" });

const lastRunSchema = z
  .object({
    mode: z.string(),
    status: z.string(),
    startedAt: timestamp,
    finishedAt: nullableTimestamp,
    operatorMessage: z.string().nullable(),
  })
  .nullable();

export const tenantSummarySchema = z
  .object({
    id: z.uuid(),
    cfgTenantName: z.string(),
    deployment: z.object({ id: z.uuid(), name: z.string() }),
    region: z.string().nullable(),
    orgShortName: z.string().nullable(),
    status: z.enum(TENANT_STATUSES),
    stepsDone: z.number().int(),
    stepsTotal: z.number().int(),
    driftedSteps: z.number().int(),
    certificateExpiresAt: nullableTimestamp,
    lastRun: lastRunSchema,
  })
  .meta({ id: "TenantSummary" });

/** The overview's filters and sort, strict: a bad value is refused naming the parameter (the page falls back). */
export const tenantListQuery = z
  .object({
    q: filterText(200).optional().describe("Search tenant, org and deployment names"),
    deployment: z.uuid("must be a deployment id").optional(),
    region: filterText(200).optional(),
    status: z.enum(TENANT_STATUSES).optional(),
    drift: z.enum(["yes", "no"]).optional(),
    cert: z.enum(["expiring"]).optional().describe("Certificates expiring within the warning window, or expired"),
    sort: z.enum(SORT_KEYS).default("tenant"),
    dir: z.enum(["asc", "desc"]).default("asc"),
    cursor: z
      .string()
      .max(4096, "must be at most 4096 characters")
      .optional()
      .describe("nextCursor of the previous page, with the same sort and dir"),
    limit: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(200).default(50),
  })
  .meta({ id: "TenantListQuery" });

export const tenantListSchema = z
  .object({
    items: z.array(tenantSummarySchema),
    total: z.number().int().describe("Tenants the filters match, on every page"),
    nextCursor: z.string().nullable().describe("The cursor of the next page, or null on the last"),
  })
  .meta({ id: "TenantList" });

export const runSchema = z
  .object({
    id: z.uuid(),
    tenantId: z.uuid(),
    mode: z.enum(RUN_MODES),
    stepKey: z.string().nullable(),
    status: z
      .enum(["queued", "running", "succeeded", "failed", "needs-input", "cancelled", "abandoned"])
      .describe("queued and running are in progress; the others are final"),
    requestedBy: z.string().nullable(),
    queuedAt: timestamp,
    startedAt: timestamp,
    finishedAt: nullableTimestamp,
    operatorMessage: z.string().nullable(),
    correlationId: z.string(),
    cancelRequested: z.boolean(),
  })
  .meta({ id: "Run" });
export const runListSchema = z.object({ items: z.array(runSchema) }).meta({ id: "RunList" });
export const runListQuery = z.object({
  limit: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(100).default(20),
});

export const runRequestBody = z
  .object({
    step: z.string().min(1).max(100).optional().describe("Run only this step (a key from the tenant's steps)"),
  })
  .strict()
  .meta({ id: "RunRequest" });

export const stepStateSchema = z
  .object({
    key: z.string(),
    title: z.string(),
    phase: z.string(),
    applies: z.boolean(),
    status: z.enum(STEP_STATUSES),
    verifyStatus: z.string().nullable(),
    lastAppliedAt: nullableTimestamp,
    lastVerifiedAt: nullableTimestamp,
    errorCode: z.string().nullable(),
    message: z.string().nullable().describe("The last run's operator message for this step"),
  })
  .meta({ id: "StepState" });
export const stepStateListSchema = z
  .object({ tenantId: z.uuid(), runActive: z.boolean(), items: z.array(stepStateSchema) })
  .meta({ id: "StepStateList" });

export const tenantDetailSchema = z
  .object({
    id: z.uuid(),
    cfgTenantName: z.string(),
    deployment: z.object({ id: z.uuid(), name: z.string() }),
    region: z.string().nullable(),
    orgName: z.string().nullable(),
    orgShortName: z.string().nullable(),
    bootstrapClientId: z.string(),
    status: z.enum(TENANT_STATUSES),
    stepsDone: z.number().int(),
    stepsTotal: z.number().int(),
    driftedSteps: z.number().int(),
    runActive: z.boolean(),
    latestRun: runSchema.nullable(),
  })
  .meta({ id: "Tenant" });

export const auditQuery = z
  .object({
    tenant: z.uuid("must be a tenant id").optional(),
    targetType: filterText(64).optional(),
    targetId: filterText(200).optional(),
    actor: filterText(320).optional(),
    action: z.enum(auditActions as [AuditAction, ...AuditAction[]], "must be one of the recorded actions").optional(),
    outcome: z.enum(["success", "failure"], "must be success or failure").optional(),
    from: timestamp.optional().describe("Events at or after this time"),
    to: timestamp.optional().describe("Events before this time"),
    q: filterText(200).min(3, "needs at least 3 characters").optional(),
    cursor: z
      .string()
      .regex(/^\d{1,19}$/, "must be a cursor from a previous page")
      .optional()
      .describe("nextCursor of the previous page (towards older events)"),
    limit: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(200).default(50),
  })
  .meta({ id: "AuditQuery" });

export const auditEventSchema = z
  .object({
    seq: z.string().describe("Sequence number (a decimal string: it may exceed 2^53)"),
    occurredAt: timestamp,
    actorEmail: z.string().nullable(),
    actorRole: z.string().nullable(),
    clientAddress: z.string().nullable(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    targetLabel: z.string().nullable(),
    outcome: z.string(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "AuditEvent" });
export const auditPageSchema = z
  .object({ items: z.array(auditEventSchema), nextCursor: z.string().nullable() })
  .meta({ id: "AuditPage" });
