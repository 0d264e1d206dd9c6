import type { DbTx } from "@/lib/db/client";
import { catalogue, describeCatalogue, findStep, describeFailure, loadTenantView } from "@/lib/provisioning";
import type { FieldDifference, Phase, StepPlan } from "@/lib/provisioning";
import { attentionOf, type AttentionItem } from "./attention";
import { manualFieldsOf, type ManualField } from "./manual-fields";
import { certificateExpiry } from "./overview-certificate";
import { PHASE_LABELS } from "./phases";
import type { StepStatus } from "./statuses";
import { applicableSteps, stepStatusOf, summarizeTenant, type TenantSummary } from "./tenant-status";

/** Everything here goes to the browser as JSON: dates are ISO strings, and nothing secret is read. */
export interface ChecklistRun {
  id: string;
  mode: string;
  stepKey: string | null;
  /** queued | running | succeeded | failed | needs-input | cancelled | abandoned (running, but its process died) */
  status: string;
  requestedBy: string | null;
  /** When it was asked for; a queued run has waited since then. */
  queuedAt: string;
  startedAt: string;
  finishedAt: string | null;
  operatorMessage: string | null;
  correlationId: string;
  /** A running run an operator cancelled: it stops at its next step boundary. */
  cancelRequested: boolean;
}

export interface ChecklistStep {
  key: string;
  title: string;
  description: string;
  phase: Phase;
  applies: boolean;
  /** "needs-input": the step waits for the operator (its manual completion form, when it has one). */
  status: StepStatus;
  /** What applying the step does in the customer's org beyond its own objects, said before Apply (none: not applying). */
  sideEffects: string[];
  manual: boolean;
  manualCompletion: string | null;
  /** The manual completion form, from the step's schema; null when the step has none. */
  manualFields: ManualField[] | null;
  outputs: Record<string, string>;
  lastAppliedAt: string | null;
  lastVerifiedAt: string | null;
  verifyStatus: string | null;
  drift: FieldDifference[];
  /** What Apply would do, from the last Plan since the step was last applied; null when there is none. */
  plan: ChecklistPlan | null;
  /** The step's sealed secrets, by name only: their values are opened only by the audited Reveal. */
  secrets: ChecklistSecret[];
  errorCode: string | null;
  lastStepRun: {
    mode: string;
    status: string;
    outcome: string | null;
    operatorMessage: string | null;
    finishedAt: string | null;
    correlationIds: string[];
    changes: string[];
  } | null;
}

export interface ChecklistPlan {
  action: StepPlan["action"];
  /** field, expected (after Apply), actual (now); secret values arrive masked from the engine. */
  changes: FieldDifference[];
  /** Titles of the steps this one waits for ("pending"). */
  waitingFor: string[];
  /** Caveats the plan found, to read before Apply. */
  notices: string[];
  plannedAt: string | null;
}

export interface ChecklistSecret {
  purpose: string;
  /** e.g. "client secret", "key password". */
  label: string;
}

export interface TenantChecklist {
  tenant: {
    id: string;
    cfgTenantName: string;
    deployment: { id: string; name: string };
    region: string | null;
    orgName: string | null;
    orgShortName: string | null;
    bootstrapClientId: string;
  };
  /** Consecutive steps of the same phase, in catalogue order (a phase may come back later: the order is the run order). */
  phases: { id: string; phase: Phase; label: string; steps: ChecklistStep[] }[];
  summary: Omit<TenantSummary, "lastVerifiedAt"> & { lastVerifiedAt: string | null };
  /** What needs the operator (failures, input, drift, certificate expiry), worst first: the top of the page. */
  attention: AttentionItem[];
  latestRun: ChecklistRun | null;
  runActive: boolean;
  /** The run that goes on now (running), else the one waiting for a worker (queued), with the others in `runs`. */
  currentRun: ChecklistRun | null;
  runs: ChecklistRun[];
  checkedAt: string;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Outputs as text for display and copying; objects are shown as JSON. */
function outputsAsText(outputs: unknown): Record<string, string> {
  if (!outputs || typeof outputs !== "object") return {};
  return Object.fromEntries(
    Object.entries(outputs as Record<string, unknown>).map(([key, value]) => [
      key,
      typeof value === "string" ? value : JSON.stringify(value),
    ]),
  );
}

function differencesOf(drift: unknown): FieldDifference[] {
  if (!Array.isArray(drift)) return [];
  return drift
    .filter((entry): entry is FieldDifference => typeof entry === "object" && entry !== null && "field" in entry)
    .map(({ field, expected, actual }) => ({
      field: String(field),
      expected: String(expected),
      actual: String(actual),
    }));
}

const PLAN_ACTIONS: readonly string[] = ["create", "update", "none", "check", "pending"] satisfies StepPlan["action"][];

function planOf(plan: unknown, plannedAt: Date | null): ChecklistPlan | null {
  if (!plan || typeof plan !== "object") return null;
  const { action, changes, waitingFor, notices } = plan as Partial<Record<keyof StepPlan, unknown>>;
  if (typeof action !== "string" || !PLAN_ACTIONS.includes(action)) return null;
  return {
    action: action as StepPlan["action"],
    changes: differencesOf(changes),
    waitingFor: Array.isArray(waitingFor) ? waitingFor.map((key) => findStep(String(key))?.title ?? String(key)) : [],
    notices: Array.isArray(notices) ? notices.map(String) : [],
    plannedAt: iso(plannedAt),
  };
}

/** Step secrets are named "<step key>.<what>"; the tenant's own (the bootstrap secret) belong to no step. */
function secretsOf(stepKey: string, purposes: string[]): ChecklistSecret[] {
  const prefix = `${stepKey}.`;
  return purposes
    .filter((purpose) => purpose.startsWith(prefix))
    .map((purpose) => ({ purpose, label: purpose.slice(prefix.length).replaceAll("-", " ") }));
}

function groupByPhase(steps: ChecklistStep[]): TenantChecklist["phases"] {
  const groups: TenantChecklist["phases"] = [];
  for (const step of steps) {
    const last = groups[groups.length - 1];
    if (last?.phase === step.phase) last.steps.push(step);
    else {
      const again = groups.some((group) => group.phase === step.phase);
      groups.push({
        id: `${step.phase}-${groups.length}`,
        phase: step.phase,
        label: again ? `${PHASE_LABELS[step.phase]} (continued)` : PHASE_LABELS[step.phase],
        steps: [step],
      });
    }
  }
  return groups;
}

/**
 * Each step's side effects for this tenant, by step key (steps that apply and declare some). A tenant whose settings
 * do not resolve, or a step that cannot say, gets that said instead of nothing: apply would meet the same problem.
 */
async function sideEffectsByStep(db: DbTx, tenantId: string, applicable: Set<string>): Promise<Map<string, string[]>> {
  const loaded = await loadTenantView(db, tenantId).then(
    (view) => ({ view, error: undefined }),
    (error: unknown) => ({ view: undefined, error }),
  );
  const byStep = new Map<string, string[]>();
  for (const step of catalogue) {
    if (!step.sideEffects || !applicable.has(step.key)) continue;
    try {
      if (!loaded.view) throw loaded.error;
      byStep.set(step.key, step.sideEffects(loaded.view));
    } catch (error) {
      const { message } = describeFailure(error, step.title, tenantId);
      byStep.set(step.key, [`What Apply changes beyond its own objects cannot be worked out: ${message}`]);
    }
  }
  return byStep;
}

const runSelect = {
  id: true,
  mode: true,
  stepKey: true,
  status: true,
  requestedBy: true,
  startedAt: true,
  finishedAt: true,
  operatorMessage: true,
  correlationId: true,
  leaseExpiresAt: true,
  queuedAt: true,
  cancelRequestedAt: true,
} as const;

/** The tenant's checklist, in catalogue order grouped by phase, with the latest runs; null when there is no such tenant. */
export async function loadTenantChecklist(
  db: DbTx,
  tenantId: string,
  now = new Date(),
): Promise<TenantChecklist | null> {
  const tenant = await db.tenant.findUnique({
    where: { id: tenantId },
    select: {
      id: true,
      cfgTenantName: true,
      region: true,
      orgName: true,
      orgShortName: true,
      bootstrapClientId: true,
      certificateExpiresAt: true,
      services: true,
      settings: true,
      deployment: { select: { id: true, name: true, layout: true } },
      stepStates: true,
      runs: { orderBy: { startedAt: "desc" }, take: 10, select: runSelect },
    },
  });
  if (!tenant) return null;
  const stepRuns = await db.stepRun.findMany({
    where: { run: { tenantId } },
    orderBy: { startedAt: "desc" },
    distinct: ["stepKey"],
    select: {
      stepKey: true,
      status: true,
      outcome: true,
      operatorMessage: true,
      finishedAt: true,
      correlationIds: true,
      evidence: true,
      run: { select: { mode: true } },
    },
  });
  const sealed = await db.secret.findMany({
    where: { ownerType: "tenant", ownerId: tenantId },
    select: { purpose: true },
    orderBy: { purpose: "asc" },
  });
  const purposes = sealed.map((secret) => secret.purpose);
  const latestStepRun = new Map(stepRuns.map((stepRun) => [stepRun.stepKey, stepRun]));
  const states = new Map(tenant.stepStates.map((state) => [state.stepKey, state]));
  const applicable = new Set(applicableSteps(tenant).map((step) => step.key));
  const sideEffects = await sideEffectsByStep(db, tenantId, applicable);

  const steps = describeCatalogue().map((step): ChecklistStep => {
    const state = states.get(step.key);
    const stepRun = latestStepRun.get(step.key);
    const evidence = (stepRun?.evidence ?? {}) as { changes?: unknown };
    return {
      key: step.key,
      title: step.title,
      description: step.description,
      phase: step.phase,
      applies: applicable.has(step.key),
      status: stepStatusOf(state, applicable.has(step.key)),
      sideEffects: sideEffects.get(step.key) ?? [],
      manual: state?.manual ?? false,
      manualCompletion: step.manualCompletion,
      manualFields: manualFieldsOf(findStep(step.key)!),
      outputs: outputsAsText(state?.outputs),
      lastAppliedAt: iso(state?.lastAppliedAt ?? null),
      lastVerifiedAt: iso(state?.lastVerifiedAt ?? null),
      verifyStatus: state?.verifyStatus ?? null,
      drift: differencesOf(state?.drift),
      plan: planOf(state?.plan, state?.plannedAt ?? null),
      secrets: secretsOf(step.key, purposes),
      errorCode: state?.errorCode ?? null,
      lastStepRun: stepRun
        ? {
            mode: stepRun.run.mode,
            status: stepRun.status,
            outcome: stepRun.outcome,
            operatorMessage: stepRun.operatorMessage,
            finishedAt: iso(stepRun.finishedAt),
            correlationIds: Array.isArray(stepRun.correlationIds) ? stepRun.correlationIds.map(String) : [],
            changes: Array.isArray(evidence.changes) ? evidence.changes.map(String) : [],
          }
        : null,
    };
  });

  const toRun = ({ leaseExpiresAt, cancelRequestedAt, ...run }: (typeof tenant.runs)[number]): ChecklistRun => ({
    ...run,
    status: run.status === "running" && leaseExpiresAt <= now ? "abandoned" : run.status,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: run.startedAt.toISOString(),
    finishedAt: iso(run.finishedAt),
    cancelRequested: cancelRequestedAt !== null,
  });
  const runs = tenant.runs.map(toRun);
  // Any of them, not only the latest: a run queued behind a running one is newer.
  const runActive = runs.some((run) => run.status === "running");
  const summary = summarizeTenant(tenant, tenant.stepStates, runActive);
  return {
    tenant: {
      id: tenant.id,
      cfgTenantName: tenant.cfgTenantName,
      deployment: tenant.deployment,
      region: tenant.region,
      orgName: tenant.orgName,
      orgShortName: tenant.orgShortName,
      bootstrapClientId: tenant.bootstrapClientId,
    },
    phases: groupByPhase(steps),
    summary: { ...summary, lastVerifiedAt: iso(summary.lastVerifiedAt) },
    attention: attentionOf(steps, certificateExpiry(tenant.certificateExpiresAt, now)),
    latestRun: runs[0] ?? null,
    runActive,
    currentRun: runs.find((run) => run.status === "running") ?? runs.find((run) => run.status === "queued") ?? null,
    runs,
    checkedAt: now.toISOString(),
  };
}
