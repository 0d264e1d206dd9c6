import { formatDateTime } from "@/components/tenants/status-display";
import { StatusChip } from "@/components/ui/status-chip";
import type { RotationView } from "@/lib/tenants/certificate-page";
import { rotationStatusDisplay, shortFingerprint, stageStatusDisplay } from "./rotation-display";

/** Every rotation, newest first, each with its stages and what they did. */
export function RotationHistory({ rotations }: { rotations: RotationView[] }) {
  if (rotations.length === 0)
    return (
      <p className="text-sm text-muted-foreground">
        No rotations yet. The first rotation replaces the key generated when the tenant was applied.
      </p>
    );
  return (
    <ol className="grid gap-4" aria-label="Rotations, newest first">
      {rotations.map((rotation) => {
        const status = rotationStatusDisplay[rotation.status] ?? { tone: "neutral" as const, label: rotation.status };
        return (
          <li
            key={rotation.id}
            className="grid gap-3 rounded-lg border border-border p-4"
            data-testid="rotation"
            data-status={rotation.status}
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <div className="text-sm">
                <span className="font-medium">Started {formatDateTime(rotation.startedAt)}</span>
                <span className="text-muted-foreground"> by {rotation.requestedBy ?? "the system"}</span>
                {rotation.finishedAt ? (
                  <span className="text-muted-foreground"> · ended {formatDateTime(rotation.finishedAt)}</span>
                ) : null}
              </div>
              <StatusChip tone={status.tone} label={status.label} data-testid="rotation-status" />
            </div>
            <p className="text-xs text-muted-foreground">
              <span title={rotation.oldFingerprint}>Old {shortFingerprint(rotation.oldFingerprint)}</span>
              {rotation.newFingerprint ? (
                <span title={rotation.newFingerprint}> → new {shortFingerprint(rotation.newFingerprint)}</span>
              ) : null}
            </p>
            {rotation.operatorMessage ? (
              <p className="text-sm" role={rotation.status === "failed" ? "alert" : undefined}>
                {rotation.operatorMessage}
              </p>
            ) : null}
            <ol className="grid gap-2" aria-label="Stages">
              {rotation.stages.map((stage, index) => {
                const display = stageStatusDisplay[stage.status];
                return (
                  <li
                    key={stage.stage}
                    className="flex flex-wrap items-start justify-between gap-2 text-sm"
                    data-testid={`stage-${stage.stage}`}
                    data-status={stage.status}
                  >
                    <div className="grid gap-0.5">
                      <span>
                        {index + 1}. {stage.title}
                      </span>
                      {stage.changes.length > 0 ? (
                        <span className="text-xs text-muted-foreground">{stage.changes.join("; ")}</span>
                      ) : null}
                    </div>
                    <StatusChip tone={display.tone} label={display.label} />
                  </li>
                );
              })}
            </ol>
          </li>
        );
      })}
    </ol>
  );
}
