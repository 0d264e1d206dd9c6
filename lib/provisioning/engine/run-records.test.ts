import { describe, expect, it } from "vitest";
import type { StepReport } from "./engine-types";
import { runOutcome } from "./run-records";
import { CONNECT_ORG, IDENTITY_PROVIDER, SMOKE_TEST, TENANT_ISOLATION } from "../model/step-keys";

const succeeded: StepReport = { stepKey: CONNECT_ORG, title: "Connect", status: "succeeded", result: "unchanged" };
const waiting: StepReport = {
  stepKey: TENANT_ISOLATION,
  title: "Isolation",
  status: "needs-input",
  needsInput: { input: "a sample agent", message: "Enter a sample agent." },
};
const failed: StepReport = {
  stepKey: IDENTITY_PROVIDER,
  title: "Provider",
  status: "failed",
  error: { code: "genesys.unavailable", message: "Genesys Cloud is unavailable." },
};
const notRun: StepReport = {
  stepKey: SMOKE_TEST,
  title: "Smoke test",
  status: "not-run",
  reason: 'Not run: it waits for "Provider", which failed.',
  blockedBy: [IDENTITY_PROVIDER],
};

describe("a run's outcome", () => {
  it("needs input when a step waits for the operator and none failed, with that step's message", () => {
    expect(runOutcome([succeeded, waiting])).toEqual({
      status: "needs-input",
      steps: { [CONNECT_ORG]: "unchanged", [TENANT_ISOLATION]: "needs-input" },
      errorCode: undefined,
      operatorMessage: "Enter a sample agent.",
    });
  });

  it("fails at a failure, naming the other steps that did not finish, and records the steps not run", () => {
    expect(runOutcome([waiting, failed, notRun])).toEqual({
      status: "failed",
      steps: { [TENANT_ISOLATION]: "needs-input", [IDENTITY_PROVIDER]: "failed", [SMOKE_TEST]: "not-run" },
      errorCode: "genesys.unavailable",
      operatorMessage: 'Genesys Cloud is unavailable. Also not finished: "Isolation" (needs input).',
    });
    const runFailure = { code: "internal", message: "The run failed." };
    expect(runOutcome([waiting], runFailure)).toMatchObject({
      status: "failed",
      errorCode: "internal",
      operatorMessage: 'The run failed. Also not finished: "Isolation" (needs input).',
    });
    expect(runOutcome([succeeded])).toEqual({
      status: "succeeded",
      steps: { [CONNECT_ORG]: "unchanged" },
      errorCode: undefined,
      operatorMessage: undefined,
    });
  });
});
