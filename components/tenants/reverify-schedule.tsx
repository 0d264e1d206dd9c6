import type { ReverifySchedule } from "@/lib/jobs/queue-state";
import { formatDateTime } from "./status-display";

/** When every connected tenant was last re-verified by the schedule and when it will be next. */
export function ReverifyScheduleNote({ schedule }: { schedule: ReverifySchedule }) {
  const last = schedule.lastRunAt ? formatDateTime(schedule.lastRunAt) : "not yet";
  return (
    <p className="text-xs text-muted-foreground" data-testid="reverify-schedule">
      <span className="font-medium text-foreground">Scheduled re-verify</span> of every connected tenant:{" "}
      {schedule.cron ? (
        <>
          <code>{schedule.cron}</code> ({schedule.timezone}); last ran {last}; next{" "}
          {schedule.nextRunAt ? formatDateTime(schedule.nextRunAt) : "unknown (the expression does not parse)"}.
        </>
      ) : (
        <>not scheduled (REVERIFY_CRON is off, or no worker has started); last ran {last}.</>
      )}
    </p>
  );
}
