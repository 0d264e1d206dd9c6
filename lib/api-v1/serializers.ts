import type { z } from "zod";
import type { OverviewRow } from "@/lib/tenants/overview";
import type { ChecklistRun, TenantChecklist } from "@/lib/tenants/checklist";
import type { AuditEventRow } from "@/lib/audit/queries";
import type { auditEventSchema, runSchema, stepStateSchema, tenantDetailSchema, tenantSummarySchema } from "./schemas";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

type RunRow = {
  id: string;
  tenantId: string;
  mode: string;
  stepKey: string | null;
  status: string;
  requestedBy: string | null;
  queuedAt: Date;
  startedAt: Date;
  finishedAt: Date | null;
  operatorMessage: string | null;
  correlationId: string;
  cancelRequestedAt: Date | null;
};

export const runSelect = {
  id: true,
  tenantId: true,
  mode: true,
  stepKey: true,
  status: true,
  requestedBy: true,
  queuedAt: true,
  startedAt: true,
  finishedAt: true,
  operatorMessage: true,
  correlationId: true,
  cancelRequestedAt: true,
} as const;

export const runJson = (run: RunRow) =>
  ({
    id: run.id,
    tenantId: run.tenantId,
    mode: run.mode,
    stepKey: run.stepKey,
    status: run.status,
    requestedBy: run.requestedBy,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: run.startedAt.toISOString(),
    finishedAt: iso(run.finishedAt),
    operatorMessage: run.operatorMessage,
    correlationId: run.correlationId,
    cancelRequested: run.cancelRequestedAt !== null,
  }) as z.input<typeof runSchema>;

const checklistRunJson = (tenantId: string, run: ChecklistRun) =>
  ({
    ...run,
    tenantId,
    cancelRequested: run.cancelRequested,
  }) as z.input<typeof runSchema>;

export const tenantSummaryJson = (row: OverviewRow): z.input<typeof tenantSummarySchema> => ({
  id: row.id,
  cfgTenantName: row.cfgTenantName,
  deployment: row.deployment,
  region: row.region,
  orgShortName: row.orgShortName,
  status: row.summary.status,
  stepsDone: row.summary.done,
  stepsTotal: row.summary.total,
  driftedSteps: row.summary.driftedSteps,
  certificateExpiresAt: row.certificate.state === "none" ? null : row.certificate.expiresAt.toISOString(),
  lastRun: row.lastRun
    ? { ...row.lastRun, startedAt: row.lastRun.startedAt.toISOString(), finishedAt: iso(row.lastRun.finishedAt) }
    : null,
});

export const tenantDetailJson = (checklist: TenantChecklist): z.input<typeof tenantDetailSchema> => ({
  ...checklist.tenant,
  status: checklist.summary.status,
  stepsDone: checklist.summary.done,
  stepsTotal: checklist.summary.total,
  driftedSteps: checklist.summary.driftedSteps,
  runActive: checklist.runActive,
  latestRun: checklist.latestRun ? checklistRunJson(checklist.tenant.id, checklist.latestRun) : null,
});

export const stepStatesJson = (checklist: TenantChecklist): z.input<typeof stepStateSchema>[] =>
  checklist.phases.flatMap((phase) =>
    phase.steps.map((step) => ({
      key: step.key,
      title: step.title,
      phase: step.phase,
      applies: step.applies,
      status: step.status,
      verifyStatus: step.verifyStatus,
      lastAppliedAt: step.lastAppliedAt,
      lastVerifiedAt: step.lastVerifiedAt,
      errorCode: step.errorCode,
      message: step.lastStepRun?.operatorMessage ?? null,
    })),
  );

export const auditEventJson = (event: AuditEventRow): z.input<typeof auditEventSchema> => ({
  seq: event.seq.toString(),
  occurredAt: event.occurredAt.toISOString(),
  actorEmail: event.actorEmail,
  actorRole: event.actorRole,
  clientAddress: event.clientAddress,
  action: event.action,
  targetType: event.targetType,
  targetId: event.targetId,
  targetLabel: event.targetLabel,
  outcome: event.outcome,
  details: (event.details ?? {}) as Record<string, unknown>,
});
