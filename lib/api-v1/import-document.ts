import type { AuditContext } from "@/lib/audit/record";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { FleetProblem } from "@/lib/fleet/fleet-problems";
import { FleetInvalidError } from "@/lib/fleet/fleet-problems";
import { importFleet } from "@/lib/fleet/import-fleet";
import { importTenantCsv } from "@/lib/fleet/import-tenant-csv";
import { getJobQueue } from "@/lib/jobs/queue-client";

/** A fleet of a few thousand tenants; the bench's thousand are about a third of a megabyte. */
export const maxImportBytes = 2_000_000;

/** Content types of the document, and the format each is read as (JSON is YAML to the fleet reader). */
const formats: Record<string, "yaml" | "csv"> = {
  "application/json": "yaml",
  "application/yaml": "yaml",
  "application/x-yaml": "yaml",
  "text/yaml": "yaml",
  "text/csv": "csv",
};

async function readDocument(request: Request): Promise<{ text: string; format: "yaml" | "csv" }> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const format = formats[type];
  if (!format)
    throw new AppError("invalid_input", "Send a fleet document as JSON or YAML, or a CSV of tenants.", {
      "Content-Type": ["must be application/json, application/yaml or text/csv"],
    });
  const text = await request.text();
  if (!text.trim()) throw new AppError("invalid_input", "The body is empty.", { body: ["must be a fleet document"] });
  if (Buffer.byteLength(text) > maxImportBytes)
    throw new AppError("invalid_input", "The fleet document is too large.", { body: ["must be under 2 MB"] });
  return { text, format };
}

/** Each problem under its path in the document (a CSV's column), with its line and column. */
function problemErrors(problems: FleetProblem[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const problem of problems) {
    const where = problem.line ? ` (line ${problem.line}, column ${problem.column})` : "";
    (errors[problem.path || "body"] ??= []).push(`${problem.message}${where}`);
  }
  return errors;
}

/**
 * A fleet document (or a CSV of tenants) from the request body, imported as the command does (lib/fleet's import: every problem first, then
 * one audited transaction). Secrets must be inline: a reference would name the server's own environment and files.
 */
export async function importDocument(
  request: Request,
  { dryRun, audit, mayManageDeployments }: { dryRun: boolean; audit: AuditContext; mayManageDeployments: boolean },
) {
  const { text, format } = await readDocument(request);
  try {
    const common = {
      lookup: { env: {}, baseDir: "/", inlineOnly: true },
      dryRun,
      openQueue: getJobQueue,
      authorize: async ({ deployments }: { deployments: boolean }) => {
        if (deployments && !mayManageDeployments)
          throw new AppError(
            "forbidden",
            "This document creates or changes deployments, which needs the deployment.manage permission (admins).",
          );
        return audit;
      },
    };
    return format === "csv"
      ? await importTenantCsv(getDb(), { ...common, csv: text })
      : await importFleet(getDb(), { ...common, text });
  } catch (error) {
    if (!(error instanceof FleetInvalidError)) throw error;
    const count = error.problems.length;
    throw new AppError(
      "invalid_input",
      `The fleet document has ${count} problem${count === 1 ? "" : "s"}; nothing was written.`,
      problemErrors(error.problems),
    );
  }
}
