import { notFound } from "next/navigation";
import { tenantIdOf } from "../../tenant-id";
import { ObjectSections } from "@/components/transaction-object/object-sections";
import { PrintButton } from "@/components/transaction-object/print-button";
import { TenantBreadcrumb } from "@/components/tenants/tenant-breadcrumb";
import { Alert } from "@/components/ui/alert";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { loadTransactionObjectView } from "@/lib/tenants/transaction-object";

export const metadata = { title: "Transaction object for manual entry" };
export const dynamic = "force-dynamic";

// On paper only the sheet itself: the dashboard frame, navigation and buttons are left out.
const printStyles = `@media print {
  @page { margin: 15mm; }
  body * { visibility: hidden; }
  #transaction-object-sheet, #transaction-object-sheet * { visibility: visible; }
  #transaction-object-sheet { position: absolute; inset: 0 auto auto 0; width: 100%; }
}`;

export default async function TransactionObjectPrintPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission("tenant.read");
  const id = await tenantIdOf(params);
  const view = await loadTransactionObjectView(getDb(), id, { compare: false });
  if (!view) notFound();
  return (
    <div className="grid gap-4">
      <style>{printStyles}</style>
      <TenantBreadcrumb
        tenantId={view.tenant.id}
        tenantName={view.tenant.cfgTenantName}
        page="Transaction object (print)"
        className="text-sm print:hidden"
      />
      <div id="transaction-object-sheet" className="grid gap-4 print:text-black">
        <header className="grid gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">hybrid_integration for {view.tenant.cfgTenantName}</h1>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 text-sm">
            <dt className="text-muted-foreground">Deployment</dt>
            <dd>
              {view.tenant.deploymentName} ({view.tenant.gaxBaseUrl})
            </dd>
            <dt className="text-muted-foreground">Where</dt>
            <dd>
              Configuration Server tenant {view.targetTenant ?? "—"}, folder Transactions, object type Transaction List
              (CFGTRTList), name and alias {view.alias ?? "hybrid_integration"}, state enabled
            </dd>
          </dl>
          <p className="text-sm">
            In GAX, open the object&apos;s Options and enter each option in its section, then the Annex options where
            its note says. Tick each one as you enter it.
          </p>
        </header>
        {view.ready ? (
          <ObjectSections
            tenantId={view.tenant.id}
            sections={view.sections}
            annex={view.annex}
            canReveal={can(user.role, "secret.reveal")}
            print
          />
        ) : (
          <Alert variant="warning" title="Not ready yet">
            {view.problem}
          </Alert>
        )}
      </div>
      {view.ready ? <PrintButton /> : null}
    </div>
  );
}
