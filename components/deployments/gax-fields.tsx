"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { optionalText, text } from "./form-values";

type FieldErrors = Record<string, string[]>;

const ANNEX_HELP =
  "Section of the object's options that holds organization_domain_suffix (the procedure's Annex). Empty: general.";

/** What an edited deployment already holds (never its password). */
export interface GaxFieldValues {
  name?: string;
  gaxBaseUrl?: string;
  gaxUsername?: string;
  annexSection?: string;
  notes?: string;
}

/** The fields a deployment form sends besides its layout and tenant of hybrid_integration. */
export function readGaxFields(form: HTMLFormElement, passwordEncrypted: boolean) {
  const data = new FormData(form);
  const password = text(data, "gaxPassword");
  return {
    name: text(data, "name"),
    gaxBaseUrl: text(data, "gaxBaseUrl").trim(),
    gaxUsername: text(data, "gaxUsername"),
    ...(password ? { gaxPassword: password } : {}),
    gaxPasswordEncrypted: passwordEncrypted,
    annexSection: optionalText(data, "annexSection"),
    notes: text(data, "notes"),
  };
}

/** Name, GAX URL, user and password (write-only), the annex section and notes. */
export function GaxFields({
  errors,
  defaults = {},
  passwordEncrypted,
  onPasswordEncryptedChange,
  passwordOptional = false,
  children,
}: {
  errors: FieldErrors;
  defaults?: GaxFieldValues;
  passwordEncrypted: boolean;
  onPasswordEncryptedChange(value: boolean): void;
  passwordOptional?: boolean;
  /** Fields placed after the name (layout, tenant of hybrid_integration). */
  children?: React.ReactNode;
}) {
  return (
    <>
      <Field label="Name" required error={errors.name}>
        <Input name="name" autoComplete="off" defaultValue={defaults.name} />
      </Field>
      {children}
      <Field
        label="GAX URL"
        required
        error={errors.gaxBaseUrl}
        description="For example http://gax.example.internal:8080"
      >
        <Input name="gaxBaseUrl" type="url" autoComplete="off" defaultValue={defaults.gaxBaseUrl} />
      </Field>
      <Field label="GAX username" required error={errors.gaxUsername}>
        <Input name="gaxUsername" autoComplete="off" defaultValue={defaults.gaxUsername} />
      </Field>
      <Field
        label="GAX password"
        required={!passwordOptional}
        error={errors.gaxPassword}
        description={
          passwordOptional
            ? "Leave empty to keep the sealed password. A new one is sealed when saved and never shown again."
            : "Sealed when saved and never shown again."
        }
      >
        <Input name="gaxPassword" type="password" autoComplete="new-password" />
      </Field>
      <div className="flex items-center gap-2">
        <Checkbox
          id="gax-password-encrypted"
          checked={passwordEncrypted}
          onCheckedChange={(value) => onPasswordEncryptedChange(value === true)}
        />
        <Label htmlFor="gax-password-encrypted">The password is the obscured value the GAX web UI sends</Label>
      </div>
      <Field label="Annex section" error={errors.annexSection} description={ANNEX_HELP}>
        <Input name="annexSection" autoComplete="off" defaultValue={defaults.annexSection} />
      </Field>
      <Field label="Notes" error={errors.notes}>
        <Textarea name="notes" rows={2} defaultValue={defaults.notes} />
      </Field>
    </>
  );
}
