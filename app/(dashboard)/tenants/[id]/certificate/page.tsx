import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { CertificateLive } from "@/components/rotation/certificate-live";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { loadCertificatePage } from "@/lib/tenants/certificate-page";

export const metadata = { title: "SAML certificate" };

export default async function TenantCertificatePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission("tenant.read");
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const page = await loadCertificatePage(getDb(), id);
  if (!page) notFound();
  const { tenant } = page;
  return (
    <div className="grid grid-cols-1 gap-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/tenants" className="text-muted-foreground underline-offset-2 hover:underline">
          Tenants
        </Link>
        <span aria-hidden="true" className="px-1 text-muted-foreground">
          /
        </span>
        <Link href={`/tenants/${tenant.id}`} className="text-muted-foreground underline-offset-2 hover:underline">
          {tenant.cfgTenantName}
        </Link>
        <span aria-hidden="true" className="px-1 text-muted-foreground">
          /
        </span>
        <span aria-current="page">Certificate</span>
      </nav>
      <PageHeader
        title={`SAML certificate of ${tenant.cfgTenantName}`}
        description={`Deployment ${tenant.deploymentName} · ${tenant.orgShortName ? `org ${tenant.orgShortName}` : "org not connected yet"}. Rotation replaces the signing key without interrupting agents.`}
      />
      <CertificateLive initial={page} canRotate={can(user.role, "provisioning.run")} />
    </div>
  );
}
