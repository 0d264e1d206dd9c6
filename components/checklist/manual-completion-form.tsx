"use client";

import { useId, useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { completeStepManuallyAction } from "./actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { ManualField } from "@/lib/tenants/manual-fields";

/** What a completion queued: the id of the run that had stopped for this input, carrying on (null: none was waiting). */
export type Continued = string | null;

/** The form generated from the step's manual schema; the values are checked against live state on the server. */
export function ManualCompletionForm({
  tenantId,
  stepKey,
  stepTitle,
  fields,
  disabled,
  onDone,
}: {
  tenantId: string;
  stepKey: string;
  stepTitle: string;
  fields: ManualField[];
  disabled?: boolean;
  onDone: (continued: Continued) => void;
}) {
  const idPrefix = useId();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [checks, setChecks] = useState<Record<string, boolean>>({});

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
      setErrors({});
      setFormError(null);
      const { continued } = result.data;
      toast.success(`"${stepTitle}" completed by hand`, {
        description: continued ? "The run that waited for it carries on by itself." : undefined,
      });
      onDone(continued);
    });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate aria-label={`Complete ${stepTitle} by hand`}>
      {fields.map((field) =>
        field.kind === "boolean" ? (
          <div key={field.name} className="flex items-center gap-2">
            <Checkbox
              id={`${idPrefix}-${field.name}`}
              checked={Boolean(checks[field.name])}
              onCheckedChange={(value) => setChecks((current) => ({ ...current, [field.name]: value === true }))}
            />
            <Label htmlFor={`${idPrefix}-${field.name}`}>{field.label}</Label>
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
      <div className="flex justify-end">
        <Button type="submit" loading={pending} disabled={disabled} loadingText="Checking…">
          Check and complete
        </Button>
      </div>
    </form>
  );
}
