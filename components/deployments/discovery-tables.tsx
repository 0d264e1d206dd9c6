"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Checkbox } from "@/components/ui/checkbox";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TenantDiscoveryResult } from "./discovery-types";

const STATE_WORDS: Record<string, { label: string; tone: "success" | "warning" | "neutral" }> = {
  enabled: { label: "Enabled", tone: "success" },
  disabled: { label: "Disabled", tone: "warning" },
  other: { label: "Other state", tone: "neutral" },
};

function StateBadge({ state }: { state: string }) {
  const words = STATE_WORDS[state] ?? STATE_WORDS.other!;
  return <Badge tone={words.tone}>{words.label}</Badge>;
}

/** The tenants GAX lists that are not registered, with a checkbox each for those who may register. */
export function UnregisteredTable({
  tenants,
  selected,
  onSelectedChange,
  selectable,
}: {
  tenants: TenantDiscoveryResult["unregistered"];
  selected: ReadonlySet<string>;
  onSelectedChange(selected: ReadonlySet<string>): void;
  selectable: boolean;
}) {
  const all = tenants.length > 0 && tenants.every((tenant) => selected.has(tenant.name));
  const some = tenants.some((tenant) => selected.has(tenant.name));
  const toggle = (name: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(name);
    else next.delete(name);
    onSelectedChange(next);
  };
  return (
    <Table>
      <TableCaption className="sr-only">Tenants in GAX that are not registered</TableCaption>
      <TableHeader>
        <TableRow>
          {selectable ? (
            <TableHead className="w-10">
              <Checkbox
                aria-label="Select every tenant not registered"
                checked={all ? true : some ? "indeterminate" : false}
                onCheckedChange={(value) =>
                  onSelectedChange(new Set(value === true ? tenants.map((tenant) => tenant.name) : []))
                }
              />
            </TableHead>
          ) : null}
          <TableHead>Configuration Server tenant</TableHead>
          <TableHead className="text-right">DBID</TableHead>
          <TableHead>State</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {tenants.map((tenant) => (
          <TableRow key={tenant.dbid} data-testid={`discovered-${tenant.name}`}>
            {selectable ? (
              <TableCell>
                <Checkbox
                  aria-label={`Select ${tenant.name}`}
                  checked={selected.has(tenant.name)}
                  onCheckedChange={(value) => toggle(tenant.name, value === true)}
                />
              </TableCell>
            ) : null}
            <TableCell className="font-medium">{tenant.name}</TableCell>
            <TableCell className="text-right tabular-nums">{tenant.dbid}</TableCell>
            <TableCell>
              <StateBadge state={tenant.state} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The registered tenants: where GAX has each (renamed ones under their new name), and those it does not list. */
export function RegisteredTable({ discovery }: { discovery: TenantDiscoveryResult }) {
  const rows = [
    ...discovery.present.map((tenant) => ({ ...tenant, absent: false as const })),
    ...discovery.absent.map((tenant) => ({ ...tenant, absent: true as const })),
  ].sort((a, b) => a.cfgTenantName.localeCompare(b.cfgTenantName));
  return (
    <Table>
      <TableCaption className="sr-only">Registered tenants of {discovery.deployment.name}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Registered tenant</TableHead>
          <TableHead>In GAX</TableHead>
          <TableHead>State</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.tenantId} data-testid={`registered-${row.cfgTenantName}`}>
            <TableCell className="font-medium">
              <Link className="underline underline-offset-2" href={`/tenants/${row.tenantId}`}>
                {row.cfgTenantName}
              </Link>
            </TableCell>
            <TableCell>
              {row.absent ? (
                <Badge tone="danger">Not in GAX</Badge>
              ) : (
                <span>
                  {row.gax.name === row.cfgTenantName ? "Listed" : `Renamed in GAX to ${row.gax.name}`} · DBID{" "}
                  {row.gax.dbid}
                </span>
              )}
            </TableCell>
            <TableCell>{row.absent ? "—" : <StateBadge state={row.gax.state} />}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
