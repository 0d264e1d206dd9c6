"use client";

import { useState, type FormEvent } from "react";
import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SelectField } from "@/components/ui/select-field";
import { CERTIFICATE_WARNING_DAYS } from "@/lib/tenants/overview-certificate";
import { hasFilters, overviewQueryString, type OverviewParams } from "@/lib/tenants/overview-params";
import { TENANT_STATUSES, type TenantStatus } from "@/lib/tenants/statuses";
import { tenantStatusDisplay } from "./status-display";

const ANY = "any";

export function TenantsFilters({
  basePath,
  params,
  deployments,
  regions,
}: {
  basePath: string;
  params: OverviewParams;
  deployments: { id: string; name: string }[];
  regions: string[];
}) {
  const router = useRouter();
  const [deployment, setDeployment] = useState(params.deployment ?? ANY);
  const [region, setRegion] = useState(params.region ?? ANY);
  const [status, setStatus] = useState<string>(params.status ?? ANY);
  const [drift, setDrift] = useState<string>(params.drift ?? ANY);
  const [cert, setCert] = useState<string>(params.cert ?? ANY);
  const orAny = <T extends string>(value: string) => (value === ANY ? undefined : (value as T));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get("q") ?? "").trim() || undefined;
    router.push(
      `${basePath}${overviewQueryString(params, { q, deployment: orAny(deployment), region: orAny(region), status: orAny<TenantStatus>(status), drift: orAny<"yes" | "no">(drift), cert: orAny<"expiring">(cert), page: 1 })}`,
    );
  }

  return (
    <form
      role="search"
      aria-label="Filter tenants"
      onSubmit={onSubmit}
      className="grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_repeat(5,1fr)_auto]"
    >
      <Field label="Search">
        <Input name="q" type="search" defaultValue={params.q ?? ""} placeholder="Tenant, org or deployment" />
      </Field>
      <FilterSelect
        label="Deployment"
        value={deployment}
        onChange={setDeployment}
        options={[
          { value: ANY, label: "All deployments" },
          ...deployments.map((choice) => ({ value: choice.id, label: choice.name })),
        ]}
      />
      <FilterSelect
        label="Region"
        value={region}
        onChange={setRegion}
        options={[{ value: ANY, label: "All regions" }, ...regions.map((choice) => ({ value: choice, label: choice }))]}
      />
      <FilterSelect
        label="Status"
        value={status}
        onChange={setStatus}
        options={[
          { value: ANY, label: "Any status" },
          ...TENANT_STATUSES.map((choice) => ({ value: choice, label: tenantStatusDisplay[choice].label })),
        ]}
      />
      <FilterSelect
        label="Drift"
        value={drift}
        onChange={setDrift}
        options={[
          { value: ANY, label: "Any" },
          { value: "yes", label: "Drifted" },
          { value: "no", label: "No drift" },
        ]}
      />
      <FilterSelect
        label="Certificate"
        value={cert}
        onChange={setCert}
        options={[
          { value: ANY, label: "Any" },
          { value: "expiring", label: `Expiring (< ${CERTIFICATE_WARNING_DAYS} days) or expired` },
        ]}
      />
      <div className="flex gap-2">
        <Button type="submit">
          <Search aria-hidden="true" /> Filter
        </Button>
        {hasFilters(params) ? (
          <Button variant="ghost" onClick={() => router.push(basePath)}>
            Clear
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/** A filter menu whose chosen label is rendered on the server too, so the control is never blank before hydration. */
function FilterSelect({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}) {
  return <SelectField label={label} value={value} onValueChange={onChange} options={options} labelOnServer />;
}
