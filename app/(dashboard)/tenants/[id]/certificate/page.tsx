import { tenantIdOf } from "../tenant-id";
import { TenantBreadcrumb } from "@/components/tenants/tenant-breadcrumb";
import { notFound } from "next/navigation";
import { CertificateDownloads } from "@/components/rotation/certificate-downloads";
import { CertificateLive } from "@/components/rotation/certificate-live";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { loadCertificatePage } from "@/lib/tenants/certificate-page";

export const metadata = { title: "SAML certificate" };

export default async function TenantCertificatePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission("tenant.read");
  const id = await tenantIdOf(params);
  const page = await loadCertificatePage(getDb(), id);
  if (!page) notFound();
  const { tenant } = page;
  return (
    <div className="grid grid-cols-1 gap-6">
      <TenantBreadcrumb tenantId={tenant.id} tenantName={tenant.cfgTenantName} page="Certificate" />
      <PageHeader
        title={`SAML certificate of ${tenant.cfgTenantName}`}
        description={`Deployment ${tenant.deploymentName} · ${tenant.orgShortName ? `org ${tenant.orgShortName}` : "org not connected yet"}. Rotation replaces the signing key without interrupting agents.`}
        actions={page.certificate ? <CertificateDownloads tenantId={tenant.id} /> : null}
      />
      <CertificateLive initial={page} canRotate={can(user.role, "provisioning.run")} />
    </div>
  );
}
