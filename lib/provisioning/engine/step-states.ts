import type { DbTx } from "@/lib/db/client";
import type { PreviousState, StepOutputs } from "../model/step";

export interface StepStates {
  /** Outputs of the steps that are done, by step key: what steps build their input from. */
  done: Record<string, StepOutputs>;
  /** A step's own previous state, or null when it never ran. */
  previousOf(stepKey: string): PreviousState | null;
  /** Notes a state the caller has just committed, so a run that holds the tenant's lease need not read it again. */
  note(stepKey: string, state: PreviousState): void;
}

/** Every step state of a tenant, read once, as the engine, rotations and the transaction object view need them. */
export async function readStepStates(db: DbTx, tenantId: string): Promise<StepStates> {
  const rows = await db.stepState.findMany({
    where: { tenantId },
    select: { stepKey: true, status: true, outputs: true, manual: true },
  });
  const states = new Map<string, PreviousState>(
    rows.map((row) => [row.stepKey, { status: row.status, outputs: row.outputs as StepOutputs, manual: row.manual }]),
  );
  const done: Record<string, StepOutputs> = {};
  for (const [stepKey, state] of states) if (state.status === "done") done[stepKey] = state.outputs;
  return {
    done,
    previousOf: (stepKey) => states.get(stepKey) ?? null,
    note(stepKey, state) {
      states.set(stepKey, state);
      if (state.status === "done") done[stepKey] = state.outputs;
      else delete done[stepKey];
    },
  };
}
