import { formatDateTime } from "@/components/tenants/status-display";
import { Badge } from "@/components/ui/badge";
import type { DeploymentHealth as Health } from "@/lib/tenants/deployments";

/** The last sign-in to the deployment's GAX: connected or refused (with GAX's reason), and when. */
export function DeploymentHealth({ health }: { health: Health }) {
  const state = health.ok === null ? "untested" : health.ok ? "connected" : "refused";
  return (
    <div className="grid gap-1" data-testid="deployment-health" data-state={state}>
      <span className="flex flex-wrap items-center gap-2">
        <Badge tone={health.ok === null ? "neutral" : health.ok ? "success" : "danger"}>
          {health.ok === null ? "Not tested" : health.ok ? "Connected" : "Refused"}
        </Badge>
        {health.checkedAt ? (
          <span className="text-xs text-muted-foreground">{formatDateTime(health.checkedAt)}</span>
        ) : null}
      </span>
      {health.ok === false && health.message ? (
        <p className="max-w-xs text-xs text-muted-foreground">{health.message}</p>
      ) : null}
    </div>
  );
}
