"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { TenantEditValues } from "@/lib/tenants/tenant-edit";
import { deleteTenantAction } from "./actions";
import { EditTenantDialog } from "./edit-tenant-dialog";

/** Edit and delete a tenant (operators and admins); delete is refused while provisioned objects exist. */
export function TenantManageActions({ tenant }: { tenant: TenantEditValues }) {
  const router = useRouter();

  async function onDelete() {
    const result = await deleteTenantAction({ tenantId: tenant.id });
    if (!result.ok) {
      toast.error("Could not delete the tenant", { description: result.error });
      // Closed, so the reason is read in the toast rather than behind the modal dialog.
      return;
    }
    toast.success(`Tenant ${tenant.cfgTenantName} deleted.`);
    router.push("/tenants");
  }

  return (
    <>
      <EditTenantDialog tenant={tenant} />
      <ConfirmDialog
        trigger={
          <Button variant="outline" size="sm">
            <Trash2 aria-hidden="true" /> Delete
          </Button>
        }
        title={`Delete tenant ${tenant.cfgTenantName}?`}
        description="Its runs, step records and sealed secrets are deleted; its audit history stays. A tenant with provisioned objects cannot be deleted yet: removing them (decommission) comes in a later release."
        confirmLabel="Delete tenant"
        pendingLabel="Deleting…"
        destructive
        onConfirm={onDelete}
      />
    </>
  );
}
