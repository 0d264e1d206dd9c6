import { Server } from "lucide-react";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePagePermission } from "@/lib/auth/session";

export const metadata = { title: "Deployments" };

export default async function DeploymentsPage() {
  await requirePagePermission("deployment.read");
  return (
    <div className="grid gap-6">
      <PageHeader title="Deployments" description="On-premises Genesys Multicloud CX environments, each reached through its GAX server." />
      <EmptyState icon={Server} title="No deployments registered" description="None are registered in this installation yet." />
    </div>
  );
}
