import Link from "next/link";
import { tenantIdOf } from "../tenant-id";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/page-header";
import { ExportActions } from "@/components/transaction-object/export-actions";
import { LiveStatus } from "@/components/transaction-object/live-status";
import { ObjectSections } from "@/components/transaction-object/object-sections";
import { TenantBreadcrumb } from "@/components/tenants/tenant-breadcrumb";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { loadTransactionObjectView } from "@/lib/tenants/transaction-object";

export const metadata = { title: "Transaction object" };
export const dynamic = "force-dynamic";

export default async function TransactionObjectPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission("tenant.read");
  const id = await tenantIdOf(params);
  const view = await loadTransactionObjectView(getDb(), id);
  if (!view) notFound();
  const canReveal = can(user.role, "secret.reveal");
  return (
    <div className="grid grid-cols-1 gap-6">
      <TenantBreadcrumb tenantId={view.tenant.id} tenantName={view.tenant.cfgTenantName} page="Transaction object" />
      <PageHeader
        title="Transaction object"
        description={
          <>
            <span className="font-mono">hybrid_integration</span> of {view.tenant.cfgTenantName} as GAX will hold it
            {view.targetTenant ? <> (Configuration Server tenant {view.targetTenant}, folder Transactions)</> : null},
            compared with what GAX at {view.tenant.gaxBaseUrl} has now.
          </>
        }
        actions={<ExportActions tenantId={view.tenant.id} canReveal={canReveal} ready={view.ready} />}
      />
      {view.ready ? (
        <>
          <LiveStatus view={view} />
          <ObjectSections tenantId={view.tenant.id} sections={view.sections} annex={view.annex} canReveal={canReveal} />
          {view.extra.length ? (
            <Card>
              <CardHeader>
                <CardTitle>Extra in GAX</CardTitle>
                <CardDescription>
                  Options GAX holds that the provisioner does not write. Apply leaves them as they are; their values are
                  not shown.
                </CardDescription>
              </CardHeader>
              <CardContent>
                <ul className="grid gap-1 text-sm" aria-label="Extra options in GAX">
                  {view.extra.map((entry) => (
                    <li key={`${entry.section}/${entry.key}`} data-comparison="extra" className="font-mono text-xs">
                      [{entry.section}] {entry.key}
                    </li>
                  ))}
                </ul>
              </CardContent>
            </Card>
          ) : null}
        </>
      ) : (
        <EmptyState
          title="Not ready yet"
          description={view.problem}
          action={
            <Button asChild size="sm">
              <Link href={`/tenants/${view.tenant.id}`}>Open the checklist</Link>
            </Button>
          }
        />
      )}
    </div>
  );
}
