import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveriesTable } from "@/components/notifications/deliveries-table";
import { SendTestButton } from "@/components/notifications/endpoint-row-actions";
import { PageHeader } from "@/components/shell/page-header";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listDeliveries } from "@/lib/notifications/queries";
import { endpointIdSchema } from "@/lib/validation/notification-endpoint";

export const metadata = { title: "Delivery log" };

export default async function EndpointDeliveriesPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePagePermission("settings.manage");
  const parsed = endpointIdSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const db = getDb();
  const endpoint = await db.notificationEndpoint.findUnique({
    where: { id: parsed.data.id },
    select: { id: true, name: true },
  });
  if (!endpoint) notFound();
  const deliveries = await listDeliveries(db, endpoint.id);
  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title={`Delivery log: ${endpoint.name}`}
        description={
          <>
            The latest 50 deliveries to this endpoint, newest first.{" "}
            <Link href="/notifications" className="text-primary underline underline-offset-4">
              All endpoints
            </Link>
          </>
        }
        actions={<SendTestButton endpoint={endpoint} />}
      />
      <DeliveriesTable deliveries={deliveries} />
    </div>
  );
}
