"use client";

import { useState, type FormEvent } from "react";
import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { CERTIFICATE_WARNING_DAYS } from "@/lib/tenants/overview-certificate";
import { hasFilters, overviewQueryString, type OverviewParams } from "@/lib/tenants/overview-params";
import { TENANT_STATUSES, type TenantStatus } from "@/lib/tenants/statuses";
import { tenantStatusDisplay } from "./status-display";

const ANY = "any";

export function TenantsFilters({ basePath, params, deployments, regions }: { basePath: string; params: OverviewParams; deployments: { id: string; name: string }[]; regions: string[] }) {
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
    <form role="search" aria-label="Filter tenants" onSubmit={onSubmit} className="grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_repeat(5,1fr)_auto]">
      <Field label="Search">
        <Input name="q" type="search" defaultValue={params.q ?? ""} placeholder="Tenant, org or deployment" />
      </Field>
      <Field label="Deployment">
        {(control) => (
          <Select value={deployment} onValueChange={setDeployment}>
            <SelectTrigger {...control}><SelectValue /></SelectTrigger>
            <SelectContent>
              <SelectItem value={ANY}>All deployments</SelectItem>
              {deployments.map((choice) => <SelectItem key={choice.id} value={choice.id}>{choice.name}</SelectItem>)}
            </SelectContent>
          </Select>
        )}
      </Field>
      <Field label="Region">
        {(control) => (
          <Select value={region} onValueChange={setRegion}>
            <SelectTrigger {...control}><SelectValue /></SelectTrigger>
            <SelectContent>
              <SelectItem value={ANY}>All regions</SelectItem>
              {regions.map((choice) => <SelectItem key={choice} value={choice}>{choice}</SelectItem>)}
            </SelectContent>
          </Select>
        )}
      </Field>
      <Field label="Status">
        {(control) => (
          <Select value={status} onValueChange={setStatus}>
            <SelectTrigger {...control}><SelectValue /></SelectTrigger>
            <SelectContent>
              <SelectItem value={ANY}>Any status</SelectItem>
              {TENANT_STATUSES.map((choice) => <SelectItem key={choice} value={choice}>{tenantStatusDisplay[choice].label}</SelectItem>)}
            </SelectContent>
          </Select>
        )}
      </Field>
      <Field label="Drift">
        {(control) => (
          <Select value={drift} onValueChange={setDrift}>
            <SelectTrigger {...control}><SelectValue /></SelectTrigger>
            <SelectContent>
              <SelectItem value={ANY}>Any</SelectItem>
              <SelectItem value="yes">Drifted</SelectItem>
              <SelectItem value="no">No drift</SelectItem>
            </SelectContent>
          </Select>
        )}
      </Field>
      <Field label="Certificate">
        {(control) => (
          <Select value={cert} onValueChange={setCert}>
            <SelectTrigger {...control}><SelectValue /></SelectTrigger>
            <SelectContent>
              <SelectItem value={ANY}>Any</SelectItem>
              <SelectItem value="expiring">Expiring (&lt; {CERTIFICATE_WARNING_DAYS} days) or expired</SelectItem>
            </SelectContent>
          </Select>
        )}
      </Field>
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
