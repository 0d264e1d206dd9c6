"use client";

import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { completeStepManuallyAction } from "./actions";
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
import { Textarea } from "@/components/ui/textarea";
import type { ManualField } from "@/lib/tenants/manual-fields";

/** A form generated from the step's manual schema; the values are checked against live state on the server. */
export function ManualCompletionDialog({
  tenantId,
  stepKey,
  stepTitle,
  description,
  fields,
  disabled,
  onDone,
}: {
  tenantId: string;
  stepKey: string;
  stepTitle: string;
  description: string;
  fields: ManualField[];
  disabled: boolean;
  onDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [checks, setChecks] = useState<Record<string, boolean>>({});

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setErrors({});
      setFormError(null);
      setChecks({});
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values: Record<string, string | boolean> = {};
    for (const field of fields)
      values[field.name] = field.kind === "boolean" ? Boolean(checks[field.name]) : String(form.get(field.name) ?? "");
    startTransition(async () => {
      const result = await completeStepManuallyAction({ tenantId, stepKey, values });
      if (!result.ok) {
        const fieldErrors = Object.fromEntries(
          Object.entries(result.fieldErrors ?? {}).map(([key, messages]) => [key.replace(/^values\./, ""), messages]),
        );
        setErrors(fieldErrors);
        setFormError(result.error);
        toast.error(`Could not complete "${stepTitle}"`, { description: result.error });
        return;
      }
      toast.success(`"${stepTitle}" completed by hand`);
      onOpenChange(false);
      onDone();
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm" variant="ghost" disabled={disabled} aria-label={`Mark ${stepTitle} as done manually`}>
          Mark as done manually
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>Complete &ldquo;{stepTitle}&rdquo; by hand</DialogTitle>
          <DialogDescription>
            Enter {description}. They are checked against Genesys Cloud before anything is stored; secrets are sealed
            and never shown again.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          {fields.map((field) =>
            field.kind === "boolean" ? (
              <div key={field.name} className="flex items-center gap-2">
                <Checkbox
                  id={`manual-${field.name}`}
                  checked={Boolean(checks[field.name])}
                  onCheckedChange={(value) => setChecks((current) => ({ ...current, [field.name]: value === true }))}
                />
                <Label htmlFor={`manual-${field.name}`}>{field.label}</Label>
              </div>
            ) : (
              <Field key={field.name} label={field.label} required={field.required} error={errors[field.name]}>
                {field.kind === "multiline" ? (
                  <Textarea name={field.name} rows={5} className="font-mono text-xs" spellCheck={false} />
                ) : (
                  <Input
                    name={field.name}
                    type={field.kind === "secret" ? "password" : "text"}
                    autoComplete={field.kind === "secret" ? "new-password" : "off"}
                    maxLength={field.maxLength}
                  />
                )}
              </Field>
            ),
          )}
          {formError ? (
            <Alert variant="error" title="Not completed">
              {formError}
            </Alert>
          ) : null}
          <DialogFooter>
            <Button type="submit" loading={pending} loadingText="Checking…">
              Check and complete
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
