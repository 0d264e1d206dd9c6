import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { TenantDiscoveryPanel } from "@/components/deployments/tenant-discovery-panel";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { SINGLE_TENANT_DISCOVERY_NOTE } from "@/lib/provisioning";
import { findDeploymentHeading } from "@/lib/tenants/deployments";

export const metadata = { title: "Discover tenants" };

export default async function DiscoverTenantsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission("deployment.read");
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const deployment = await findDeploymentHeading(getDb(), id);
  if (!deployment) notFound();
  const link = "text-muted-foreground underline underline-offset-2 hover:text-foreground";
  return (
    <div className="grid grid-cols-1 gap-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/deployments" className={link}>
          Deployments
        </Link>
        <span aria-hidden="true" className="px-1 text-muted-foreground">
          /
        </span>
        <span aria-current="page">{deployment.name}: discover tenants</span>
      </nav>
      <PageHeader
        title={`Tenants of ${deployment.name} in GAX`}
        description={`The Configuration Server tenants that GAX at ${deployment.gaxBaseUrl} lists, against the tenants registered here. The shared Environment tenant is never registered in a multi-tenant deployment, so it is left out.`}
      />
      {deployment.layout === "multi-tenant" ? (
        <TenantDiscoveryPanel
          deployment={{ id: deployment.id, name: deployment.name }}
          canRegister={can(user.role, "tenant.manage")}
        />
      ) : (
        <Alert title="Nothing to discover in a single-tenant deployment">{SINGLE_TENANT_DISCOVERY_NOTE}</Alert>
      )}
    </div>
  );
}
