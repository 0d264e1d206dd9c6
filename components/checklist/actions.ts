"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/action";
import { engineSettings, parseEnv } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueRun } from "@/lib/jobs/enqueue";
import { getJobQueue } from "@/lib/jobs/queue-client";
import { cancelRun, findStep, completeStepManually } from "@/lib/provisioning";
import { runWaitingForInput } from "@/lib/tenants/continuation";
import { manualFieldsOf, manualValuesFrom } from "@/lib/tenants/manual-fields";
import { cancelRunSchema, manualCompletionSchema, tenantRunSchema } from "@/lib/tenants/run-request";

export const enqueueTenantRunAction = authorizedAction(
  "provisioning.run",
  tenantRunSchema,
  async (input, { audit }) => {
    if (input.stepKey !== undefined && !findStep(input.stepKey))
      throw new AppError("invalid_input", "This step is not in the catalogue.", { stepKey: ["is not a known step"] });
    const { runId } = await enqueueRun(await getJobQueue(), getDb(), { request: input, audit });
    revalidatePath(`/tenants/${input.tenantId}`);
    return { queued: true, runId };
  },
);

/** Cancels a queued run at once, or asks a running one to stop at its next step boundary. */
export const cancelRunAction = authorizedAction("provisioning.run", cancelRunSchema, async (input, { audit }) => {
  const { status } = await cancelRun(getDb(), audit, input);
  revalidatePath(`/tenants/${input.tenantId}`);
  return { status };
});

/**
 * Manual completion runs at once (not queued): the operator waits for the check against live state. When the step
 * was waiting for this input, the run that stopped for it is queued again (as the same user), so it carries on.
 */
export const completeStepManuallyAction = authorizedAction(
  "provisioning.run",
  manualCompletionSchema,
  async (input, { audit }) => {
    const step = findStep(input.stepKey);
    const fields = step ? manualFieldsOf(step) : null;
    if (!step || !fields)
      throw new AppError("invalid_input", "This step cannot be completed by hand.", {
        stepKey: ["has no manual completion"],
      });
    const db = getDb();
    const waiting = await runWaitingForInput(db, { tenantId: input.tenantId, stepKey: step.key });
    const report = await completeStepManually(
      { tenantId: input.tenantId, stepKey: step.key, values: manualValuesFrom(fields, input.values) },
      { db, audit, ...engineSettings(parseEnv()) },
    );
    const [completed] = report.steps;
    if (completed?.status !== "succeeded") {
      const message = completed?.error?.message ?? completed?.needsInput?.message ?? "The values were not accepted.";
      throw new AppError("invalid_input", message);
    }
    // The run that stopped for this input is queued again; the checklist follows it by its id.
    const continued = waiting
      ? (await enqueueRun(await getJobQueue(), getDb(), { request: { tenantId: input.tenantId, ...waiting }, audit }))
          .runId
      : null;
    revalidatePath(`/tenants/${input.tenantId}`);
    return { status: report.status, continued };
  },
);
