"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { createDeploymentAction } from "@/components/deployments/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SelectField } from "@/components/ui/select-field";
import { Textarea } from "@/components/ui/textarea";
import type { ObjectTenantChoice } from "@/lib/provisioning";
import { optionalText, text } from "./form-values";
import { OBJECT_TENANT_OPTIONS, objectTenantToast } from "./object-tenant-options";

type Layout = "multi-tenant" | "single-tenant";
const LAYOUT_OPTIONS: { value: Layout; label: string }[] = [
  { value: "multi-tenant", label: "Multi-tenant" },
  { value: "single-tenant", label: "Single-tenant" },
];

const LAYOUT_HELP =
  "Multi-tenant: one Configuration Server tenant per customer. Single-tenant: one tenant, Environment or Resources.";
const ANNEX_HELP =
  "Section of the object's options that holds organization_domain_suffix (the procedure's Annex); default general.";
const OBJECT_TENANT_HELP =
  "The procedure puts the object in the Environment or Resources tenant. Detect asks GAX when you register.";

export function NewDeploymentDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [passwordEncrypted, setPasswordEncrypted] = useState(false);
  const [layout, setLayout] = useState<Layout>("multi-tenant");
  const [objectTenant, setObjectTenant] = useState<ObjectTenantChoice>("detect");

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setErrors({});
      setFormError(null);
      setLayout("multi-tenant");
      setObjectTenant("detect");
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await createDeploymentAction({
        name: text(form, "name"),
        layout,
        gaxBaseUrl: text(form, "gaxBaseUrl").trim(),
        gaxUsername: text(form, "gaxUsername"),
        gaxPassword: text(form, "gaxPassword"),
        gaxPasswordEncrypted: passwordEncrypted,
        annexSection: optionalText(form, "annexSection"),
        ...(layout === "single-tenant" ? { objectTenant } : {}),
        notes: text(form, "notes"),
      });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setFormError(result.error);
        toast.error("Could not register the deployment", { description: result.error });
        return;
      }
      toast.success(`Deployment ${result.data.name} registered.`);
      if (result.data.objectTenant) objectTenantToast(result.data.name, result.data.objectTenant);
      onOpenChange(false);
      router.refresh();
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden="true" /> New deployment
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>New deployment</DialogTitle>
          <DialogDescription>
            An on-premises Genesys Multicloud CX environment, reached through its GAX server.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          <Field label="Name" required error={errors.name}>
            <Input name="name" autoComplete="off" />
          </Field>
          <SelectField
            label="Layout"
            required
            error={errors.layout}
            description={LAYOUT_HELP}
            name="layout"
            value={layout}
            onValueChange={setLayout}
            options={LAYOUT_OPTIONS}
          />
          {layout === "single-tenant" ? (
            <SelectField
              label="Tenant of hybrid_integration"
              error={errors.objectTenant}
              description={OBJECT_TENANT_HELP}
              value={objectTenant}
              onValueChange={setObjectTenant}
              options={OBJECT_TENANT_OPTIONS}
            />
          ) : null}
          <Field
            label="GAX URL"
            required
            error={errors.gaxBaseUrl}
            description="For example http://gax.example.internal:8080"
          >
            <Input name="gaxBaseUrl" type="url" autoComplete="off" />
          </Field>
          <Field label="GAX username" required error={errors.gaxUsername}>
            <Input name="gaxUsername" autoComplete="off" />
          </Field>
          <Field
            label="GAX password"
            required
            error={errors.gaxPassword}
            description="Sealed when saved and never shown again."
          >
            <Input name="gaxPassword" type="password" autoComplete="new-password" />
          </Field>
          <div className="flex items-center gap-2">
            <Checkbox
              id="gax-password-encrypted"
              checked={passwordEncrypted}
              onCheckedChange={(value) => setPasswordEncrypted(value === true)}
            />
            <Label htmlFor="gax-password-encrypted">The password is the obscured value the GAX web UI sends</Label>
          </div>
          <Field label="Annex section" error={errors.annexSection} description={ANNEX_HELP}>
            <Input name="annexSection" placeholder="general" autoComplete="off" />
          </Field>
          <Field label="Notes" error={errors.notes}>
            <Textarea name="notes" rows={2} />
          </Field>
          {formError ? (
            <Alert variant="error" title="Could not register the deployment">
              {formError}
            </Alert>
          ) : null}
          <DialogFooter>
            <Button type="submit" loading={pending} loadingText="Registering…">
              Register deployment
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
