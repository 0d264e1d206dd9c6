import { TriangleExclamationPoint } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { DeploymentObjectTenant } from "@/lib/tenants/deployments";

/** Where a deployment's hybrid_integration goes: each tenant's own, or a single-tenant deployment's one tenant. */
export function ObjectTenantCell({ objectTenant }: { objectTenant: DeploymentObjectTenant | null }) {
  if (!objectTenant) return <span className="text-xs text-muted-foreground">Each tenant&apos;s own</span>;
  const concern = objectTenant.problem ?? objectTenant.warning;
  return (
    <div className="grid gap-1" data-testid="object-tenant" data-tenant={objectTenant.name ?? "unknown"}>
      {objectTenant.name ? (
        <span className="flex items-center gap-2">
          <span className="font-mono text-xs">{objectTenant.name}</span>
          <Badge tone="outline">{objectTenant.source}</Badge>
        </span>
      ) : (
        <Badge tone="warning">Not known</Badge>
      )}
      {concern ? (
        <p className="flex max-w-sm items-start gap-1.5 text-xs text-muted-foreground">
          <TriangleExclamationPoint aria-hidden="true" className="mt-px size-3.5 shrink-0 text-warning" />
          <span>{concern}</span>
        </p>
      ) : null}
    </div>
  );
}
