import Link from "next/link";
import { ChainStatus } from "@/components/audit/chain-status";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/shell/page-header";
import { requirePagePermission } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/audit/queries";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { getDb } from "@/lib/db/client";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  await requirePagePermission("audit.read");
  const { before } = await searchParams;
  const cursor = before && /^\d+$/.test(before) ? BigInt(before) : undefined;
  const db = getDb();
  const [{ events, nextBefore }, chain] = await Promise.all([listAuditEvents(db, { before: cursor }), verifyAuditChain(db)]);
  return (
    <div className="grid gap-6">
      <PageHeader title="Audit log" description="Every sign-in, change and secret reveal, append-only and hash-chained." actions={<ChainStatus report={chain} />} />
      <AuditTable events={events} />
      <nav aria-label="Audit log pages" className="flex gap-4 text-sm">
        {cursor ? <Link className="font-medium text-primary hover:underline" href="/audit">Newest events</Link> : null}
        {nextBefore ? <Link className="font-medium text-primary hover:underline" href={`/audit?before=${nextBefore}`}>Older events</Link> : null}
      </nav>
    </div>
  );
}
