"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Pencil } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { optionalText } from "@/components/deployments/form-values";
import { Alert } from "@/components/ui/alert";
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
import { isServiceKey, type ServiceKey } from "@/lib/provisioning/client-safe";
import type { TenantEditValues } from "@/lib/tenants/tenant-edit";
import { updateTenantAction } from "./actions";
import { NO_REGION, readConnection, TenantConnectionFields } from "./tenant-connection-fields";

/** Edits where and as whom a tenant's org is reached, its apps URLs and services; the secret is write-only. */
export function EditTenantDialog({ tenant }: { tenant: TenantEditValues }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [region, setRegion] = useState(tenant.region ?? NO_REGION);
  const [services, setServices] = useState<readonly ServiceKey[]>(tenant.services.filter(isServiceKey));

  function onOpenChange(next: boolean) {
    setOpen(next);
    setErrors({});
    setFormError(null);
    if (!next) {
      setRegion(tenant.region ?? NO_REGION);
      setServices(tenant.services.filter(isServiceKey));
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const { settings: _given, bootstrapClientSecret, ...connection } = readConnection(form, region);
    const settings =
      region === NO_REGION
        ? { redirectUri: optionalText(data, "redirectUri"), ssoTargetUri: optionalText(data, "ssoTargetUri") }
        : undefined;
    startTransition(async () => {
      const result = await updateTenantAction({
        tenantId: tenant.id,
        ...connection,
        ...(bootstrapClientSecret ? { bootstrapClientSecret } : {}),
        services: [...services],
        ...(settings ? { settings } : {}),
      });
      setErrors({});
      setFormError(null);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setFormError(result.error);
        return;
      }
      toast.success(`Tenant ${result.data.cfgTenantName} saved.`);
      for (const warning of result.data.warnings) toast.warning("Check before provisioning", { description: warning });
      onOpenChange(false);
      router.refresh();
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <Pencil aria-hidden="true" /> Edit
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>Edit {tenant.cfgTenantName}</DialogTitle>
          <DialogDescription>
            Tenant {tenant.cfgTenantName} of deployment {tenant.deploymentName}. The bootstrap credentials are tested
            before anything is saved; the next run uses the new values.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          <TenantConnectionFields
            errors={errors}
            region={region}
            defaults={{
              loginBaseUrl: tenant.loginBaseUrl,
              apiBaseUrl: tenant.apiBaseUrl,
              bootstrapClientId: tenant.bootstrapClientId,
              redirectUri: tenant.redirectUri,
              ssoTargetUri: tenant.ssoTargetUri,
            }}
            onRegionChange={setRegion}
            services={services}
            onServicesChange={setServices}
            secretOptional
          />
          {formError ? (
            <Alert variant="error" title="Could not save the tenant">
              {formError}
            </Alert>
          ) : null}
          <DialogFooter>
            <Button type="submit" loading={pending} loadingText="Testing and saving…">
              Save tenant
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
