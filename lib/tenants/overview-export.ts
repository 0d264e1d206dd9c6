import { csvLines, type CsvValue } from "@/lib/audit/csv";
import type { DbTx } from "@/lib/db/client";
import { overviewRowBatches, type OverviewRow } from "./overview";
import type { OverviewParams } from "./overview-params";
import { cataloguePhases } from "./phases";

const phaseColumns = () => cataloguePhases().map((phase) => `phase_${phase.replaceAll("-", "_")}`);

export const overviewCsvHeader = () => [
  "tenant",
  "deployment",
  "region",
  "org",
  "status",
  "steps_done",
  "steps_applicable",
  "steps_not_needed",
  ...phaseColumns(),
  "drifted_steps",
  "last_verified_at",
  "certificate_expires_at",
  "certificate_state",
  "last_run_mode",
  "last_run_status",
  "last_run_started_at",
  "last_run_finished_at",
  "last_run_message",
];

/** One tenant as the overview shows it; statuses are the keys the overview's filters use in the URL. */
function overviewCsvRecord(row: OverviewRow): CsvValue[] {
  const phases = cataloguePhases().map(
    (phase) => row.summary.phases.find((entry) => entry.phase === phase)?.status ?? "not-needed",
  );
  const certificate = row.certificate;
  return [
    row.cfgTenantName,
    row.deployment.name,
    row.region,
    row.orgShortName,
    row.summary.status,
    row.summary.done,
    row.summary.total,
    row.summary.notNeeded,
    ...phases,
    row.summary.driftedSteps,
    row.summary.lastVerifiedAt,
    certificate.state === "none" ? null : certificate.expiresAt,
    certificate.state,
    row.lastRun?.mode,
    row.lastRun?.status,
    row.lastRun?.startedAt,
    row.lastRun?.finishedAt,
    row.lastRun?.operatorMessage,
  ];
}

/**
 * Every tenant the overview's filters match (all pages), in its order, as CSV produced a batch at a time as the reader
 * pulls. Cells a spreadsheet would run as a formula are defused by csvLines.
 */
export function overviewCsvStream(
  db: DbTx,
  params: OverviewParams,
  options: { batchSize?: number; now?: Date } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = overviewRowBatches(db, params, options);
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLines([overviewCsvHeader()])));
        return;
      }
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(csvLines(next.value.map(overviewCsvRecord))));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

export function overviewCsvFileName(now = new Date()): string {
  return `tenants-${now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "")}.csv`;
}
