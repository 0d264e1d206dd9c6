import type { DbTx } from "@/lib/db/client";
import type { PreviousState, StepOutputs } from "./step";

export interface StepStates {
  /** Outputs of the steps that are done, by step key: what steps build their input from. */
  done: Record<string, StepOutputs>;
  /** A step's own previous state, or null when it never ran. */
  previousOf(stepKey: string): PreviousState | null;
}

/** Every step state of a tenant, read once, as the engine, rotations and the transaction object view need them. */
export async function readStepStates(db: DbTx, tenantId: string): Promise<StepStates> {
  const states = await db.stepState.findMany({ where: { tenantId }, select: { stepKey: true, status: true, outputs: true, manual: true } });
  const done = Object.fromEntries(states.filter((state) => state.status === "done").map((state) => [state.stepKey, state.outputs as StepOutputs]));
  return {
    done,
    previousOf(stepKey) {
      const own = states.find((state) => state.stepKey === stepKey);
      return own ? { status: own.status, outputs: own.outputs as StepOutputs, manual: own.manual } : null;
    },
  };
}
