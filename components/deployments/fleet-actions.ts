"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/actions/action";
import type { AuditContext } from "@/lib/audit/record";
import { getDb } from "@/lib/db/client";
import { FleetInvalidError } from "@/lib/fleet/fleet-problems";
import { importFleet } from "@/lib/fleet/import-fleet";
import { getJobQueue } from "@/lib/jobs/queue-client";

// Server actions take at most 1 MB; a fleet file of a thousand tenants is about a third of that.
const uploadSchema = z.object({ text: z.string().min(1, "must not be empty").max(900_000, "must be under 900 kB") });

/**
 * A fleet file uploaded on the Deployments page: previewed (dry run) or imported. Secrets must be inline: a
 * reference would name the server's environment or files. Problems come back as data, for the preview table.
 */
async function runUpload(text: string, { dryRun, audit }: { dryRun: boolean; audit: AuditContext }) {
  try {
    const outcome = await importFleet(getDb(), {
      text,
      lookup: { env: {}, baseDir: "/", inlineOnly: true },
      dryRun,
      authorize: async () => audit,
      openQueue: getJobQueue,
    });
    return { ...outcome, problems: [] };
  } catch (error) {
    if (!(error instanceof FleetInvalidError)) throw error;
    return { changes: [], unchanged: 0, applied: false, problems: error.problems };
  }
}

export const previewFleetAction = authorizedAction("deployment.manage", uploadSchema, ({ text }, { audit }) =>
  runUpload(text, { dryRun: true, audit }),
);

export const importFleetAction = authorizedAction("deployment.manage", uploadSchema, async ({ text }, { audit }) => {
  const outcome = await runUpload(text, { dryRun: false, audit });
  revalidatePath("/deployments");
  revalidatePath("/tenants");
  return outcome;
});
