import Link from "next/link";
import { NewTenantDialog } from "@/components/tenants/new-tenant-dialog";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DeploymentRow } from "@/lib/tenants/deployments";
import { ObjectTenantCell } from "./object-tenant-cell";
import { ObjectTenantDialog } from "./object-tenant-dialog";

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
          <TableHead>GAX URL</TableHead>
          <TableHead>hybrid_integration in</TableHead>
          <TableHead className="text-right">Tenants</TableHead>
          {canAddTenants ? (
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          ) : null}
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
            <TableCell className="font-mono text-xs">{deployment.gaxBaseUrl}</TableCell>
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
            {canAddTenants ? (
              <TableCell className="text-right">
                <NewTenantDialog deployments={choices} defaultDeploymentId={deployment.id} triggerLabel="Add tenant" />
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
