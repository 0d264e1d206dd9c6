import { catalogue, conditionHolds, type AnyStep, Phase } from "@/lib/provisioning";
import { tenantSettingsSchema } from "@/lib/provisioning";
import { cataloguePhases } from "./phases";
import type { StepStatus, TenantStatus } from "./statuses";

/** What the status derivation reads of a tenant (a row, not the full TenantView, whose settings may not resolve yet). */
export interface TenantFacts {
  services: readonly string[];
  settings: unknown;
  deployment: { layout: string };
}

interface StepStateFacts {
  stepKey: string;
  status: string;
  verifyStatus: string | null;
  lastVerifiedAt: Date | null;
}

/** The steps of the catalogue that apply to this tenant (e.g. the Agent Pacing client only with that service). */
export function applicableSteps(tenant: TenantFacts): AnyStep[] {
  const settings = tenantSettingsSchema.safeParse(tenant.settings ?? {});
  const facts = {
    services: tenant.services,
    deployment: tenant.deployment,
    settings: settings.success ? settings.data : { adminUsers: [] },
  };
  return catalogue.filter((step) => conditionHolds(step.when, facts));
}

export function stepStatusOf(state: StepStateFacts | undefined, applies: boolean): StepStatus {
  if (!applies) return "not-needed";
  if (!state) return "not-started";
  if (state.status === "running") return "running";
  if (state.status === "failed") return "failed";
  if (state.status === "needs-input") return "needs-input";
  if (state.status === "done")
    return state.verifyStatus === "drifted" || state.verifyStatus === "missing" ? "drifted" : "done";
  return "not-started";
}

export interface PhaseSummary {
  phase: Phase;
  status: StepStatus | "partial";
  done: number;
  total: number;
}

export interface TenantSummary {
  done: number;
  /** Steps that apply to the tenant; with notNeeded, every step of the catalogue (the checklist numbers them all). */
  total: number;
  notNeeded: number;
  phases: PhaseSummary[];
  driftedSteps: number;
  lastVerifiedAt: Date | null;
  status: TenantStatus;
}

/** Worst first: one running step makes the phase running, one failure failed, and so on. */
const phaseOrder: StepStatus[] = ["running", "failed", "needs-input", "drifted"];

export function summarizeTenant(tenant: TenantFacts, states: StepStateFacts[], runActive: boolean): TenantSummary {
  const byKey = new Map(states.map((state) => [state.stepKey, state]));
  const applicable = new Set(applicableSteps(tenant).map((step) => step.key));
  const statuses = catalogue.map((step) => ({
    step,
    status: stepStatusOf(byKey.get(step.key), applicable.has(step.key)),
  }));
  const counted = statuses.filter(({ status }) => status !== "not-needed");
  const isDone = (status: StepStatus) => status === "done" || status === "drifted";
  const phases = cataloguePhases().map((phase): PhaseSummary => {
    const inPhase = counted.filter(({ step }) => step.phase === phase).map(({ status }) => status);
    const done = inPhase.filter(isDone).length;
    const worst = phaseOrder.find((status) => inPhase.includes(status));
    const status: PhaseSummary["status"] =
      inPhase.length === 0
        ? "not-needed"
        : (worst ?? (done === inPhase.length ? "done" : done > 0 ? "partial" : "not-started"));
    return { phase, status, done, total: inPhase.length };
  });
  const done = counted.filter(({ status }) => isDone(status)).length;
  const verified = states.map((state) => state.lastVerifiedAt).filter((date): date is Date => date !== null);
  const any = (wanted: StepStatus) => counted.some(({ status }) => status === wanted);
  const status: TenantStatus =
    runActive || any("running")
      ? "running"
      : any("failed")
        ? "failed"
        : any("needs-input")
          ? "needs-input"
          : done === counted.length
            ? "done"
            : done > 0
              ? "in-progress"
              : "not-started";
  return {
    done,
    total: counted.length,
    notNeeded: statuses.length - counted.length,
    phases,
    driftedSteps: counted.filter(({ status }) => status === "drifted").length,
    lastVerifiedAt: verified.length ? new Date(Math.max(...verified.map((date) => date.getTime()))) : null,
    status,
  };
}
