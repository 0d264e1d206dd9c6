"use client";

import { useTransition, type FormEvent } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SelectField } from "@/components/ui/select-field";

/** The filters as the URL has them (raw strings), so a bad value can be shown back next to its error. */
export type AuditFilterValues = Partial<
  Record<"tenant" | "targetType" | "targetId" | "actor" | "action" | "outcome" | "from" | "to" | "q", string>
>;

type AuditFilterFormProps = {
  values: AuditFilterValues;
  errors: Record<string, string[]>;
  actions: string[];
  tenants: { id: string; label: string }[];
  /** Shown when the URL filters on a target the form has no control for (set from a row's detail). */
  targetLabel?: string;
};

const any = "any";
// A field in a taller grid row keeps its label and control at the top instead of spreading them out.
const fieldLayout = "content-start";

function AnySelect({
  name,
  label,
  value,
  options,
  anyLabel,
  error,
}: {
  name: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
  anyLabel: string;
  error?: string[];
}) {
  return (
    <SelectField
      label={label}
      error={error}
      className={fieldLayout}
      name={name}
      defaultValue={value && options.some((option) => option.value === value) ? value : any}
      options={[{ value: any, label: anyLabel }, ...options]}
    />
  );
}

// datetime-local shows minutes; the URL may hold a full ISO time.
const forDateInput = (value?: string) => (value ? value.replace(/Z$/, "").slice(0, 16) : undefined);

/** Filters live in the URL: applying them navigates, so every view can be bookmarked and shared. */
export function AuditFilterForm({ values, errors, actions, tenants, targetLabel }: AuditFilterFormProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim() !== "" && value !== any) params.set(key, value.trim());
    }
    const query = params.toString();
    startTransition(() => router.push(query ? `/audit?${query}` : "/audit"));
  }

  const hasTarget = values.targetType !== undefined || values.targetId !== undefined;
  return (
    <form
      role="search"
      aria-label="Filter the audit log"
      method="get"
      action="/audit"
      onSubmit={apply}
      className="grid gap-4"
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field
          label="Search"
          description="Action, actor, target or details; 3 characters or more."
          error={errors.q}
          className={`${fieldLayout} sm:col-span-2`}
        >
          <Input name="q" type="search" defaultValue={values.q} />
        </Field>
        <Field label="Actor" description="Email address, or system." error={errors.actor} className={fieldLayout}>
          <Input name="actor" type="text" autoComplete="off" defaultValue={values.actor} />
        </Field>
        <AnySelect
          name="tenant"
          label="Tenant"
          value={values.tenant}
          error={errors.tenant}
          anyLabel="Any tenant"
          options={tenants.map((tenant) => ({ value: tenant.id, label: tenant.label }))}
        />
        <AnySelect
          name="action"
          label="Action"
          value={values.action}
          error={errors.action}
          anyLabel="Any action"
          options={actions.map((action) => ({ value: action, label: action }))}
        />
        <AnySelect
          name="outcome"
          label="Outcome"
          value={values.outcome}
          error={errors.outcome}
          anyLabel="Any outcome"
          options={[
            { value: "success", label: "Success" },
            { value: "failure", label: "Failure" },
          ]}
        />
        <Field label="From (UTC)" description="Inclusive." error={errors.from} className={fieldLayout}>
          <Input name="from" type="datetime-local" className="min-w-0" defaultValue={forDateInput(values.from)} />
        </Field>
        <Field label="To (UTC)" description="Exclusive." error={errors.to} className={fieldLayout}>
          <Input name="to" type="datetime-local" className="min-w-0" defaultValue={forDateInput(values.to)} />
        </Field>
      </div>
      {hasTarget ? (
        <p className="text-sm">
          <input type="hidden" name="targetType" value={values.targetType ?? ""} />
          <input type="hidden" name="targetId" value={values.targetId ?? ""} />
          Only events for {values.targetType} <span className="font-medium">{targetLabel ?? values.targetId}</span>.{" "}
          <Link className="font-medium text-primary hover:underline" href="/audit">
            Clear filters
          </Link>
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" loading={pending} loadingText="Filtering…">
          Apply filters
        </Button>
        <Button asChild variant="ghost">
          <Link href="/audit">Clear filters</Link>
        </Button>
      </div>
    </form>
  );
}
