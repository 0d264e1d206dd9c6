import Link from "next/link";
import { tenantIdOf } from "./tenant-id";
import { TenantBreadcrumb } from "@/components/tenants/tenant-breadcrumb";
import { TenantManageActions } from "@/components/tenants/tenant-manage-actions";
import { notFound } from "next/navigation";
import { ChecklistLive } from "@/components/checklist/checklist-live";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { loadTenantChecklist } from "@/lib/tenants/checklist";
import { tenantEditValues } from "@/lib/tenants/tenant-edit";

export const metadata = { title: "Tenant checklist" };

export default async function TenantChecklistPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission("tenant.read");
  const id = await tenantIdOf(params);
  const checklist = await loadTenantChecklist(getDb(), id);
  if (!checklist) notFound();
  const { tenant } = checklist;
  const editable = can(user.role, "tenant.manage") ? await tenantEditValues(getDb(), tenant.id) : null;
  return (
    <div className="grid grid-cols-1 gap-6">
      <TenantBreadcrumb tenantId={tenant.id} tenantName={tenant.cfgTenantName} />
      <PageHeader
        title={tenant.cfgTenantName}
        actions={
          <div className="flex flex-wrap gap-2">
            <nav aria-label="Tenant pages" className="flex flex-wrap gap-2">
              <Button asChild variant="outline" size="sm">
                <Link href={`/tenants/${tenant.id}/transaction-object`}>Transaction object</Link>
              </Button>
              <Button asChild variant="outline" size="sm">
                <Link href={`/tenants/${tenant.id}/certificate`}>Certificate</Link>
              </Button>
            </nav>
            {editable ? <TenantManageActions tenant={editable} /> : null}
          </div>
        }
        description={`Deployment ${tenant.deployment.name} · ${tenant.region ? `region ${tenant.region}` : "explicit base URLs"} · ${tenant.orgName ? `org ${tenant.orgName} (${tenant.orgShortName})` : "org not connected yet"} · bootstrap client ${tenant.bootstrapClientId}`}
      />
      <ChecklistLive
        initial={checklist}
        canRun={can(user.role, "provisioning.run")}
        canReveal={can(user.role, "secret.reveal")}
      />
    </div>
  );
}
