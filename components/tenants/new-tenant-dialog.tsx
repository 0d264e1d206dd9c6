"use client";

import { useState } from "react";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { TenantRegistrationForm, type DeploymentChoice, type RegisteredTenant } from "./tenant-registration-form";

/** Toasts a registration's outcome and what to check before provisioning. */
export function announceRegistered(tenant: RegisteredTenant) {
  toast.success(`Tenant ${tenant.cfgTenantName} registered`, { description: `Connected to org ${tenant.orgName}.` });
  for (const warning of tenant.warnings) toast.warning("Check before provisioning", { description: warning });
}

export function NewTenantDialog({
  deployments,
  defaultDeploymentId,
  triggerLabel = "New tenant",
}: {
  deployments: DeploymentChoice[];
  defaultDeploymentId?: string;
  triggerLabel?: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);

  function onRegistered(tenant: RegisteredTenant) {
    announceRegistered(tenant);
    setOpen(false);
    router.refresh();
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant={defaultDeploymentId ? "outline" : "primary"} size={defaultDeploymentId ? "sm" : "md"}>
          <Plus aria-hidden="true" /> {triggerLabel}
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>New tenant</DialogTitle>
          <DialogDescription>
            Pairs a Configuration Server tenant with its Genesys Cloud org. The bootstrap credentials are tested before
            anything is saved.
          </DialogDescription>
        </DialogHeader>
        <TenantRegistrationForm
          choice={{ kind: "open", deployments, defaultDeploymentId }}
          onRegistered={onRegistered}
        />
      </DialogContent>
    </Dialog>
  );
}
