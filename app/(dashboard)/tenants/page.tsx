import { Building } from "lucide-react";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePagePermission } from "@/lib/auth/session";

export const metadata = { title: "Tenants" };

export default async function TenantsPage() {
  await requirePagePermission("tenant.read");
  return (
    <div className="grid gap-6">
      <PageHeader title="Tenants" description="Each tenant pairs a Configuration Server tenant with its Genesys Cloud organization." />
      <EmptyState icon={Building} title="No tenants registered" description="Tenants belong to a deployment; none are registered in this installation yet." />
    </div>
  );
}
