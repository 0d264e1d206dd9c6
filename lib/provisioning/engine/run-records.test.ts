import { describe, expect, it } from "vitest";
import type { StepReport } from "./engine-types";
import { runOutcome } from "./run-records";

const succeeded: StepReport = { stepKey: "connect-org", title: "Connect", status: "succeeded", result: "unchanged" };
const waiting: StepReport = {
  stepKey: "tenant-isolation",
  title: "Isolation",
  status: "needs-input",
  needsInput: { input: "a sample agent", message: "Enter a sample agent." },
};
const failed: StepReport = {
  stepKey: "identity-provider",
  title: "Provider",
  status: "failed",
  error: { code: "genesys.unavailable", message: "Genesys Cloud is unavailable." },
};
const notRun: StepReport = {
  stepKey: "smoke-test",
  title: "Smoke test",
  status: "not-run",
  reason: 'Not run: it waits for "Provider", which failed.',
  blockedBy: ["identity-provider"],
};

describe("a run's outcome", () => {
  it("needs input when a step waits for the operator and none failed, with that step's message", () => {
    expect(runOutcome([succeeded, waiting])).toEqual({
      status: "needs-input",
      steps: { "connect-org": "unchanged", "tenant-isolation": "needs-input" },
      errorCode: undefined,
      operatorMessage: "Enter a sample agent.",
    });
  });

  it("fails at a failure, naming the other steps that did not finish, and records the steps not run", () => {
    expect(runOutcome([waiting, failed, notRun])).toEqual({
      status: "failed",
      steps: { "tenant-isolation": "needs-input", "identity-provider": "failed", "smoke-test": "not-run" },
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
      steps: { "connect-org": "unchanged" },
      errorCode: undefined,
      operatorMessage: undefined,
    });
  });
});
