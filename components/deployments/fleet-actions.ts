"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/actions/action";
import type { AuditContext } from "@/lib/audit/record";
import { getDb } from "@/lib/db/client";
import { FleetInvalidError } from "@/lib/fleet/fleet-problems";
import { importFleet } from "@/lib/fleet/import-fleet";
import { importTenantCsv } from "@/lib/fleet/import-tenant-csv";
import { getJobQueue } from "@/lib/jobs/queue-client";

// Server actions take at most 1 MB; a fleet file of a thousand tenants is about a third of that.
const uploadSchema = z.object({
  text: z.string().min(1, "must not be empty").max(900_000, "must be under 900 kB"),
  /** A fleet file (YAML or JSON), or a CSV of tenants (docs/fleet.md, "Tenants as CSV"). */
  format: z.enum(["fleet", "csv"], "must be fleet or csv").default("fleet"),
});
type Upload = z.output<typeof uploadSchema>;

/**
 * A fleet file uploaded on the Deployments page: previewed (dry run) or imported. Secrets must be inline: a
 * reference would name the server's environment or files. Problems come back as data, for the preview table.
 */
async function runUpload({ text, format }: Upload, { dryRun, audit }: { dryRun: boolean; audit: AuditContext }) {
  try {
    const request = {
      lookup: { env: {}, baseDir: "/", inlineOnly: true },
      dryRun,
      authorize: async () => audit,
      openQueue: getJobQueue,
    };
    const outcome =
      format === "csv"
        ? await importTenantCsv(getDb(), { ...request, csv: text })
        : await importFleet(getDb(), { ...request, text });
    return { ...outcome, problems: [] };
  } catch (error) {
    if (!(error instanceof FleetInvalidError)) throw error;
    return { changes: [], unchanged: 0, applied: false, problems: error.problems };
  }
}

export const previewFleetAction = authorizedAction("deployment.manage", uploadSchema, (upload, { audit }) =>
  runUpload(upload, { dryRun: true, audit }),
);

export const importFleetAction = authorizedAction("deployment.manage", uploadSchema, async (upload, { audit }) => {
  const outcome = await runUpload(upload, { dryRun: false, audit });
  revalidatePath("/deployments");
  revalidatePath("/tenants");
  return outcome;
});
