"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { createDeploymentAction, testConnectionAction } from "@/components/deployments/actions";
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
import { SelectField } from "@/components/ui/select-field";
import type { ObjectTenantChoice } from "@/lib/provisioning";
import { ConnectionResultAlert, connectionRefused, type ConnectionResult } from "./connection-result";
import { GaxFields, readGaxFields } from "./gax-fields";
import { OBJECT_TENANT_OPTIONS, objectTenantToast } from "./object-tenant-options";

type Layout = "multi-tenant" | "single-tenant";
const LAYOUT_OPTIONS: { value: Layout; label: string }[] = [
  { value: "multi-tenant", label: "Multi-tenant" },
  { value: "single-tenant", label: "Single-tenant" },
];

const LAYOUT_HELP =
  "Multi-tenant: one Configuration Server tenant per customer. Single-tenant: one tenant, Environment or Resources.";
const OBJECT_TENANT_HELP =
  "The procedure puts the object in the Environment or Resources tenant. Detect asks GAX when you register.";

export function NewDeploymentDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [testing, startTest] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [connection, setConnection] = useState<ConnectionResult | null>(null);
  const [refused, setRefused] = useState(false);
  const [passwordEncrypted, setPasswordEncrypted] = useState(false);
  const [layout, setLayout] = useState<Layout>("multi-tenant");
  const [objectTenant, setObjectTenant] = useState<ObjectTenantChoice>("detect");
  const [form, setForm] = useState<HTMLFormElement | null>(null);

  function reset() {
    setErrors({});
    setFormError(null);
    setConnection(null);
    setRefused(false);
  }

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      reset();
      setLayout("multi-tenant");
      setObjectTenant("detect");
    }
  }

  const values = (target: HTMLFormElement) => ({
    ...readGaxFields(target, passwordEncrypted),
    layout,
    ...(layout === "single-tenant" ? { objectTenant } : {}),
  });

  function onTest() {
    if (!form) return;
    const input = values(form);
    startTest(async () => {
      const result = await testConnectionAction(input);
      reset();
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setFormError(result.error);
        return;
      }
      setConnection(result.data);
    });
  }

  function save(target: HTMLFormElement, saveAnyway: boolean) {
    const input = values(target);
    startTransition(async () => {
      const result = await createDeploymentAction({ ...input, saveAnyway });
      reset();
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        const refusal = connectionRefused(result);
        setConnection(refusal);
        setRefused(refusal !== null);
        if (!refusal) setFormError(result.error);
        toast.error("Could not register the deployment", { description: result.error });
        return;
      }
      toast.success(`Deployment ${result.data.name} registered.`);
      if (result.data.objectTenant) objectTenantToast(result.data.name, result.data.objectTenant);
      onOpenChange(false);
      router.refresh();
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save(event.currentTarget, false);
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
            An on-premises Genesys Multicloud CX environment, reached through its GAX server. The provisioner signs in
            to GAX before saving.
          </DialogDescription>
        </DialogHeader>
        <form ref={setForm} onSubmit={onSubmit} className="grid gap-4" noValidate>
          <GaxFields
            errors={errors}
            passwordEncrypted={passwordEncrypted}
            onPasswordEncryptedChange={setPasswordEncrypted}
          >
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
          </GaxFields>
          <ConnectionResultAlert
            result={connection}
            saving={pending}
            onSaveAnyway={refused && form ? () => save(form, true) : undefined}
          />
          {formError ? (
            <Alert variant="error" title="Could not register the deployment">
              {formError}
            </Alert>
          ) : null}
          <DialogFooter>
            <Button variant="outline" onClick={onTest} loading={testing} loadingText="Testing…">
              Test connection
            </Button>
            <Button type="submit" loading={pending} loadingText="Testing and saving…">
              Register deployment
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
