"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/action";
import { engineSettings, parseEnv } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueRun } from "@/lib/jobs/enqueue";
import { getJobQueue } from "@/lib/jobs/queue-client";
import { findStep, completeStepManually } from "@/lib/provisioning";
import { runWaitingForInput } from "@/lib/tenants/continuation";
import { manualFieldsOf, manualValuesFrom } from "@/lib/tenants/manual-fields";
import { manualCompletionSchema, tenantRunSchema } from "@/lib/tenants/run-request";

export const enqueueTenantRunAction = authorizedAction(
  "provisioning.run",
  tenantRunSchema,
  async (input, { audit }) => {
    if (input.stepKey !== undefined && !findStep(input.stepKey))
      throw new AppError("invalid_input", "This step is not in the catalogue.", { stepKey: ["is not a known step"] });
    if (!(await getDb().tenant.findUnique({ where: { id: input.tenantId }, select: { id: true } })))
      throw new AppError("not_found", "This tenant no longer exists.");
    await enqueueRun(await getJobQueue(), input, audit);
    revalidatePath(`/tenants/${input.tenantId}`);
    return { queued: true };
  },
);

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
    if (waiting) await enqueueRun(await getJobQueue(), { tenantId: input.tenantId, ...waiting }, audit);
    revalidatePath(`/tenants/${input.tenantId}`);
    // The completion is a run of its own: the checklist waits for a run newer than it.
    const continued = waiting
      ? { mode: waiting.mode, stepKey: waiting.stepKey ?? null, afterRunId: report.runId }
      : null;
    return { status: report.status, continued };
  },
);
