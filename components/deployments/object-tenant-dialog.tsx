"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { chooseObjectTenantAction, detectObjectTenantAction } from "@/components/deployments/actions";
import { formatDateTime } from "@/components/tenants/status-display";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { SelectField } from "@/components/ui/select-field";
import type { DeploymentObjectTenant } from "@/lib/tenants/deployments";
import { ObjectTenantCell } from "./object-tenant-cell";
import type { ObjectTenantChoice } from "@/lib/provisioning";
import { OBJECT_TENANT_OPTIONS, objectTenantToast } from "./object-tenant-options";

/** Shows and changes which tenant of a single-tenant deployment holds hybrid_integration; detects it again. */
type SingleTenantDeployment = { id: string; name: string; objectTenant: DeploymentObjectTenant };

export function ObjectTenantDialog({ deployment }: { deployment: SingleTenantDeployment }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [choice, setChoice] = useState(deployment.objectTenant.choice as ObjectTenantChoice);
  const [errors, setErrors] = useState<Record<string, string[]>>({});

  const run = (what: "detect" | "save") =>
    startTransition(async () => {
      const result =
        what === "detect"
          ? await detectObjectTenantAction({ deploymentId: deployment.id })
          : await chooseObjectTenantAction({ deploymentId: deployment.id, objectTenant: choice });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        toast.error("Could not change the deployment", { description: result.error });
        return;
      }
      setErrors({});
      objectTenantToast(deployment.name, result.data);
      router.refresh();
    });

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          Object tenant<span className="sr-only"> of {deployment.name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Tenant of hybrid_integration</DialogTitle>
          <DialogDescription>
            A single-tenant Configuration Server keeps the object in its one tenant, Environment or Resources.
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-4">
          <div className="grid gap-1 text-sm">
            <ObjectTenantCell objectTenant={deployment.objectTenant} />
            <span className="text-xs text-muted-foreground">
              Last detected: {formatDateTime(deployment.objectTenant.checkedAt)}
            </span>
          </div>
          <SelectField
            label="Setting"
            error={errors.objectTenant}
            description="Detect asks GAX which of the two it has."
            value={choice}
            onValueChange={setChoice}
            options={OBJECT_TENANT_OPTIONS}
          />
        </div>
        <DialogFooter>
          <Button variant="outline" loading={pending} loadingText="Working…" onClick={() => run("detect")}>
            Detect again
          </Button>
          <Button loading={pending} loadingText="Saving…" onClick={() => run("save")}>
            Save
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
