import type { AuditContext } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import type { ConnectionOptions } from "./connections";
import type { Failure } from "./failures";
import type { NeededInput } from "../model/needs-input";
import type { RunMode } from "./run-records";
import type { StepApplyResult, StepPlan, StepVerification } from "../model/step";

export interface EngineHooks {
  /** Called after an external create answered and before its result is stored: tests simulate a crash here. */
  afterExternalCreate?(event: {
    tenantId: string;
    stepKey: string;
    kind: string;
    marker: string;
    objectId: string;
  }): void | Promise<void>;
}

export interface EngineOptions extends ConnectionOptions {
  db: Db;
  /** Who asked; copied onto every audit record of the run. */
  audit: AuditContext;
  hooks?: EngineHooks;
  /** How long a run's lease holds unless renewed (its process renews it every third of this while alive). */
  leaseMs?: number;
  /**
   * How long Genesys Cloud may refuse a new client or secret, a changed certificate or role before a refusal is final
   * (default DEFAULT_PROPAGATION_WINDOW_MS, 90 s).
   */
  propagationWindowMs?: number;
}

/**
 * One step of a run. "needs-input": the step waits for something only the operator can give (not a failure);
 * "not-run": it waits for a step of this run that failed or needs input (`reason` says which); "skipped": it does
 * not apply to the tenant.
 */
export interface StepReport {
  stepKey: string;
  title: string;
  status: "succeeded" | "failed" | "needs-input" | "skipped" | "not-run";
  plan?: StepPlan;
  /** Plan: what applying the step does in the customer's org beyond its own objects. */
  sideEffects?: string[];
  result?: StepApplyResult["result"];
  changes?: string[];
  verification?: StepVerification;
  error?: Failure;
  needsInput?: NeededInput;
  /** Not run: why, naming the step it waits for. */
  reason?: string;
  /** Not run: the steps of this run that failed or need input, that it waits for (directly or through others). */
  blockedBy?: string[];
}

/** "cancelled": an operator cancelled the run; a running one stops at its next step boundary. */
export type RunStatus = "succeeded" | "failed" | "needs-input" | "cancelled";

export interface RunReport {
  runId: string;
  correlationId: string;
  mode: RunMode;
  /** "needs-input": no step failed, and at least one waits for the operator's input. */
  status: RunStatus;
  steps: StepReport[];
}
