import Link from "next/link";
import { NewTenantDialog } from "@/components/tenants/new-tenant-dialog";
import { Search } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DeploymentRow } from "@/lib/tenants/deployments";
import { DeploymentHealth } from "./deployment-health";
import { DeploymentRowActions } from "./deployment-row-actions";
import { ObjectTenantCell } from "./object-tenant-cell";
import { ObjectTenantDialog } from "./object-tenant-dialog";

/** Every role may look at what GAX lists; registering is for those who may manage tenants. */
function DiscoverTenantsLink({ deployment }: { deployment: DeploymentRow }) {
  return (
    <Button asChild variant="outline" size="sm">
      <Link href={`/deployments/${deployment.id}/discover`}>
        <Search aria-hidden="true" /> Discover tenants
        <span className="sr-only"> of {deployment.name}</span>
      </Link>
    </Button>
  );
}

type TableProps = { deployments: DeploymentRow[]; canAddTenants: boolean; canManage: boolean };

export function DeploymentsTable({ deployments, canAddTenants, canManage }: TableProps) {
  const choices = deployments.map(({ id, name, layout }) => ({ id, name, layout }));
  return (
    <Table>
      <TableCaption className="sr-only">Registered deployments</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Layout</TableHead>
          <TableHead>GAX</TableHead>
          <TableHead>hybrid_integration in</TableHead>
          <TableHead className="text-right">Tenants</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {deployments.map((deployment) => (
          <TableRow key={deployment.id} data-testid={`deployment-row-${deployment.name}`}>
            <TableCell>
              <div className="font-medium">{deployment.name}</div>
              {deployment.notes ? (
                <div className="max-w-md truncate text-xs text-muted-foreground">{deployment.notes}</div>
              ) : null}
            </TableCell>
            <TableCell>
              <Badge tone="outline">{deployment.layout === "single-tenant" ? "Single-tenant" : "Multi-tenant"}</Badge>
            </TableCell>
            <TableCell>
              <div className="grid gap-1.5">
                <span className="break-all font-mono text-xs">{deployment.gaxBaseUrl}</span>
                <DeploymentHealth health={deployment.health} />
              </div>
            </TableCell>
            <TableCell>
              <div className="grid justify-items-start gap-2">
                <ObjectTenantCell objectTenant={deployment.objectTenant} />
                {canManage && deployment.objectTenant ? (
                  <ObjectTenantDialog deployment={{ ...deployment, objectTenant: deployment.objectTenant }} />
                ) : null}
              </div>
            </TableCell>
            <TableCell className="text-right tabular-nums">
              <Link className="underline-offset-2 hover:underline" href={`/tenants?deployment=${deployment.id}`}>
                {deployment.tenantCount}
                <span className="sr-only"> tenants of {deployment.name}</span>
              </Link>
            </TableCell>
            <TableCell>
              <div className="flex max-w-72 flex-wrap justify-end gap-2">
                {deployment.layout === "multi-tenant" ? <DiscoverTenantsLink deployment={deployment} /> : null}
                {canAddTenants ? (
                  <NewTenantDialog
                    deployments={choices}
                    defaultDeploymentId={deployment.id}
                    triggerLabel="Add tenant"
                  />
                ) : null}
                {canManage ? <DeploymentRowActions deployment={deployment} /> : null}
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
