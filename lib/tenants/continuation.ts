import type { DbTx } from "@/lib/db/client";
import { RUN_MODES, type RunModeName } from "./run-request";

/** A run to queue again: of this mode, of one step or (stepKey undefined) of every step. */
export interface RunContinuation {
  mode: RunModeName;
  stepKey?: string;
}

/**
 * The run that stopped because this step waits for the operator's input, to be queued again once the input is
 * entered, so the run carries on by itself; undefined when the step is not waiting (e.g. the input is entered ahead).
 */
export async function runWaitingForInput(
  db: DbTx,
  { tenantId, stepKey }: { tenantId: string; stepKey: string },
): Promise<RunContinuation | undefined> {
  const state = await db.stepState.findUnique({
    where: { tenantId_stepKey: { tenantId, stepKey } },
    select: { status: true },
  });
  if (state?.status !== "needs-input") return undefined;
  const asked = await db.stepRun.findFirst({
    where: { stepKey, status: "needs-input", run: { tenantId } },
    orderBy: { startedAt: "desc" },
    select: { run: { select: { mode: true, stepKey: true } } },
  });
  const mode = RUN_MODES.find((known) => known === asked?.run.mode);
  if (!asked || !mode) return undefined;
  return asked.run.stepKey ? { mode, stepKey: asked.run.stepKey } : { mode };
}
