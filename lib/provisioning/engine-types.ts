import type { AuditContext } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import type { ConnectionOptions } from "./connections";
import type { Failure } from "./failures";
import type { RunMode } from "./run-records";
import type { StepApplyResult, StepPlan, StepVerification } from "./step";

export interface EngineHooks {
  /** Called after an external create answered and before its result is stored: tests simulate a crash here. */
  afterExternalCreate?(event: { tenantId: string; stepKey: string; kind: string; marker: string; objectId: string }): void | Promise<void>;
}

export interface EngineOptions extends ConnectionOptions {
  db: Db;
  /** Who asked; copied onto every audit record of the run. */
  audit: AuditContext;
  hooks?: EngineHooks;
  /** How long a run may go without progress before another run of the tenant may take over. */
  leaseMs?: number;
  /**
   * How long Genesys Cloud may refuse a new client or secret, a changed certificate or role before a refusal is final
   * (default DEFAULT_PROPAGATION_WINDOW_MS, 90 s).
   */
  propagationWindowMs?: number;
}

export interface StepReport {
  stepKey: string;
  title: string;
  status: "succeeded" | "failed" | "skipped" | "not-run";
  plan?: StepPlan;
  result?: StepApplyResult["result"];
  changes?: string[];
  verification?: StepVerification;
  error?: Failure;
}

export interface RunReport {
  runId: string;
  correlationId: string;
  mode: RunMode;
  status: "succeeded" | "failed";
  steps: StepReport[];
}
