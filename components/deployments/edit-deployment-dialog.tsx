"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Pencil } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { updateDeploymentAction } from "@/components/deployments/actions";
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
import type { DeploymentRow } from "@/lib/tenants/deployments";
import { ConnectionResultAlert, connectionRefused, type ConnectionResult } from "./connection-result";
import { GaxFields, readGaxFields } from "./gax-fields";

/** Edits a deployment's name, GAX connection (password write-only), annex section and notes. */
export function EditDeploymentDialog({ deployment }: { deployment: DeploymentRow }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [connection, setConnection] = useState<ConnectionResult | null>(null);
  const [passwordEncrypted, setPasswordEncrypted] = useState(deployment.gaxPasswordEncrypted);
  const [form, setForm] = useState<HTMLFormElement | null>(null);

  function onOpenChange(next: boolean) {
    setOpen(next);
    setErrors({});
    setFormError(null);
    setConnection(null);
    if (!next) setPasswordEncrypted(deployment.gaxPasswordEncrypted);
  }

  function save(target: HTMLFormElement, saveAnyway: boolean) {
    const input = { deploymentId: deployment.id, ...readGaxFields(target, passwordEncrypted), saveAnyway };
    startTransition(async () => {
      const result = await updateDeploymentAction(input);
      setErrors({});
      setFormError(null);
      setConnection(null);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        const refusal = connectionRefused(result);
        setConnection(refusal);
        if (!refusal) setFormError(result.error);
        return;
      }
      toast.success(`Deployment ${result.data.name} saved.`);
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
        <Button variant="outline" size="sm">
          <Pencil aria-hidden="true" /> Edit
          <span className="sr-only"> {deployment.name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>Edit {deployment.name}</DialogTitle>
          <DialogDescription>
            A change to the GAX URL, user or password is signed in with before it is saved.
          </DialogDescription>
        </DialogHeader>
        <form ref={setForm} onSubmit={onSubmit} className="grid gap-4" noValidate>
          <GaxFields
            errors={errors}
            defaults={deployment}
            passwordEncrypted={passwordEncrypted}
            onPasswordEncryptedChange={setPasswordEncrypted}
            passwordOptional
          />
          <ConnectionResultAlert
            result={connection}
            saving={pending}
            onSaveAnyway={connection && !connection.ok && form ? () => save(form, true) : undefined}
          />
          {formError ? (
            <Alert variant="error" title="Could not save the deployment">
              {formError}
            </Alert>
          ) : null}
          <DialogFooter>
            <Button type="submit" loading={pending} loadingText="Saving…">
              Save deployment
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
