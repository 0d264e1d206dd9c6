import { Server } from "lucide-react";
import { FleetImportDialog } from "@/components/deployments/fleet-import-dialog";
import { NewDeploymentDialog } from "@/components/deployments/new-deployment-dialog";
import { DeploymentsTable } from "@/components/deployments/deployments-table";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listDeployments } from "@/lib/tenants/deployments";

export const metadata = { title: "Deployments" };

export default async function DeploymentsPage() {
  const user = await requirePagePermission("deployment.read");
  const deployments = await listDeployments(getDb());
  const canManage = can(user.role, "deployment.manage");
  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title="Deployments"
        description="On-premises Genesys Multicloud CX environments, each reached through its GAX server."
        actions={
          canManage ? (
            <div className="flex gap-2">
              <FleetImportDialog />
              <NewDeploymentDialog />
            </div>
          ) : undefined
        }
      />
      {deployments.length === 0 ? (
        <EmptyState
          icon={Server}
          title="No deployments registered"
          description={
            canManage
              ? "Register the GAX server of your first Genesys Multicloud CX environment to add its tenants."
              : "An administrator registers deployments; none are registered yet."
          }
          action={canManage ? <NewDeploymentDialog /> : undefined}
        />
      ) : (
        <Card>
          <CardContent className="pt-4">
            <DeploymentsTable
              deployments={deployments}
              canAddTenants={can(user.role, "tenant.manage")}
              canManage={canManage}
            />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
