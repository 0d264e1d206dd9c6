"use client";

import { useMemo, useState } from "react";
import Link from "next/link";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type RowSelectionState,
} from "@tanstack/react-table";
import { enqueueBulkRunsAction } from "./actions";
import { Checkbox } from "@/components/ui/checkbox";
import { StatusChip } from "@/components/ui/status-chip";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Phase } from "@/lib/provisioning";
import type { OverviewRow } from "@/lib/tenants/overview";
import { overviewQueryString, type OverviewParams, type SortKey } from "@/lib/tenants/overview-params";
import { RUN_MODES } from "@/lib/tenants/run-request";
import { RunConfirmButton } from "./run-confirm-button";
import {
  certificateDisplay,
  formatDateTime,
  runModeLabel,
  runStatusDisplay,
  stepStatusDisplay,
  tenantSummaryDisplay,
} from "./status-display";

type Props = {
  rows: OverviewRow[];
  phases: { phase: Phase; label: string }[];
  params: OverviewParams;
  basePath: string;
  canRun: boolean;
};

function SortHeader({
  label,
  sortKey,
  params,
  basePath,
}: {
  label: string;
  sortKey: SortKey;
  params: OverviewParams;
  basePath: string;
}) {
  const active = params.sort === sortKey;
  const nextDir = active && params.dir === "asc" ? "desc" : "asc";
  const Icon = !active ? ArrowUpDown : params.dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <Link
      href={`${basePath}${overviewQueryString(params, { sort: sortKey, dir: nextDir, page: 1 })}`}
      className="inline-flex items-center gap-1 rounded-sm hover:underline"
      aria-label={`${label}: sort ${nextDir === "asc" ? "ascending" : "descending"}`}
    >
      {label}
      <Icon aria-hidden="true" className="size-3.5" />
    </Link>
  );
}

export function TenantsTable({ rows, phases, params, basePath, canRun }: Props) {
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const sortedBy = (key: SortKey): "ascending" | "descending" | undefined =>
    params.sort === key ? (params.dir === "asc" ? "ascending" : "descending") : undefined;

  const columns = useMemo<ColumnDef<OverviewRow>[]>(() => {
    const sortable = (id: SortKey, label: string, cell: ColumnDef<OverviewRow>["cell"]): ColumnDef<OverviewRow> => ({
      id,
      header: () => <SortHeader label={label} sortKey={id} params={params} basePath={basePath} />,
      cell,
      meta: { sortKey: id },
    });
    const select: ColumnDef<OverviewRow> = {
      id: "select",
      header: ({ table }) => (
        <Checkbox
          aria-label="Select all tenants on this page"
          checked={table.getIsAllRowsSelected() ? true : table.getIsSomeRowsSelected() ? "indeterminate" : false}
          onCheckedChange={(value) => table.toggleAllRowsSelected(value === true)}
        />
      ),
      cell: ({ row }) => (
        <Checkbox
          aria-label={`Select ${row.original.cfgTenantName}`}
          checked={row.getIsSelected()}
          onCheckedChange={(value) => row.toggleSelected(value === true)}
        />
      ),
    };
    return [
      ...(canRun ? [select] : []),
      sortable("tenant", "Tenant", ({ row }) => (
        <Link href={`/tenants/${row.original.id}`} className="font-medium underline-offset-2 hover:underline">
          {row.original.cfgTenantName}
        </Link>
      )),
      sortable("deployment", "Deployment", ({ row }) => row.original.deployment.name),
      sortable(
        "region",
        "Region",
        ({ row }) => row.original.region ?? <span className="text-muted-foreground">Explicit URLs</span>,
      ),
      sortable(
        "org",
        "Org",
        ({ row }) => row.original.orgShortName ?? <span className="text-muted-foreground">Not connected</span>,
      ),
      {
        id: "progress",
        header: "Progress",
        cell: ({ row }) => {
          const { done, total } = row.original.summary;
          return (
            <div className="grid gap-1">
              <StatusChip {...tenantSummaryDisplay(row.original.summary)} />
              <span className="text-xs tabular-nums text-muted-foreground">
                {done} of {total} steps
              </span>
            </div>
          );
        },
      },
      ...phases.map(({ phase, label }): ColumnDef<OverviewRow> => ({
        id: `phase-${phase}`,
        header: label,
        cell: ({ row }) => {
          const summary = row.original.summary.phases.find((entry) => entry.phase === phase);
          if (!summary) return null;
          const display = stepStatusDisplay[summary.status];
          return (
            <StatusChip
              tone={display.tone}
              label={display.label}
              title={`${label}: ${summary.done} of ${summary.total} steps done`}
            />
          );
        },
      })),
      sortable("expiry", "Certificate", ({ row }) => {
        const display = certificateDisplay(row.original.certificate);
        return (
          <div className="grid gap-1" data-testid="certificate-expiry" data-state={row.original.certificate.state}>
            {display.tone ? (
              <StatusChip tone={display.tone} label={display.label} />
            ) : (
              <span
                className={`whitespace-nowrap text-xs${row.original.certificate.state === "none" ? " text-muted-foreground" : ""}`}
              >
                {display.label}
              </span>
            )}
            {display.detail ? (
              <span className="whitespace-nowrap text-xs text-muted-foreground">{display.detail}</span>
            ) : null}
          </div>
        );
      }),
      {
        id: "verified",
        header: "Last verified",
        cell: ({ row }) => (
          <span className="whitespace-nowrap text-xs">{formatDateTime(row.original.summary.lastVerifiedAt)}</span>
        ),
      },
      {
        id: "drift",
        header: "Drift",
        cell: ({ row }) =>
          row.original.summary.driftedSteps > 0 ? (
            <StatusChip tone="warning" label={`${row.original.summary.driftedSteps} drifted`} />
          ) : (
            <span className="text-xs text-muted-foreground">None found</span>
          ),
      },
      {
        id: "last-run",
        header: "Last run",
        cell: ({ row }) => {
          const run = row.original.lastRun;
          if (!run) return <span className="text-xs text-muted-foreground">No runs yet</span>;
          const display = runStatusDisplay[run.status] ?? { tone: "neutral" as const, label: run.status };
          return (
            <div className="grid gap-1">
              <StatusChip tone={display.tone} label={`${runModeLabel[run.mode] ?? run.mode}: ${display.label}`} />
              <span className="whitespace-nowrap text-xs text-muted-foreground">
                {formatDateTime(run.finishedAt ?? run.startedAt)}
              </span>
            </div>
          );
        },
      },
    ];
  }, [canRun, phases, params, basePath]);

  // TanStack Table returns fresh functions each render; the compiler leaves this component alone, which is what we want.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (row) => row.id,
    state: { rowSelection },
    onRowSelectionChange: setRowSelection,
    enableRowSelection: canRun,
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    getCoreRowModel: getCoreRowModel(),
  });

  const selected = table.getSelectedRowModel().rows.map((row) => row.original);
  const subject = selected.length === 1 ? selected[0]!.cfgTenantName : `${selected.length} tenants`;

  return (
    <div className="grid gap-3">
      {canRun ? (
        <div role="toolbar" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-muted-foreground" aria-live="polite">
            {selected.length === 0
              ? "Select tenants to plan, apply or verify them together."
              : `${selected.length} selected`}
          </span>
          {RUN_MODES.map((mode) => (
            <RunConfirmButton
              key={mode}
              mode={mode}
              subject={subject}
              disabled={selected.length === 0}
              details={
                <p className="max-h-32 overflow-y-auto text-sm">
                  Tenants: {selected.map((row) => `${row.deployment.name}/${row.cfgTenantName}`).join(", ")}
                </p>
              }
              run={() => enqueueBulkRunsAction({ tenantIds: selected.map((row) => row.id), mode })}
              onQueued={() => setRowSelection({})}
            />
          ))}
        </div>
      ) : null}
      <Table>
        <TableCaption className="sr-only">
          Tenants with their provisioning progress; column headers with arrows sort the list.
        </TableCaption>
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => {
                const sortKey = (header.column.columnDef.meta as { sortKey?: SortKey } | undefined)?.sortKey;
                return (
                  <TableHead
                    key={header.id}
                    aria-sort={sortKey ? (sortedBy(sortKey) ?? "none") : undefined}
                    className="whitespace-nowrap"
                  >
                    {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                  </TableHead>
                );
              })}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {table.getRowModel().rows.map((row) => (
            <TableRow
              key={row.id}
              data-state={row.getIsSelected() ? "selected" : undefined}
              data-testid={`tenant-row-${row.original.cfgTenantName}`}
            >
              {row.getVisibleCells().map((cell) => (
                <TableCell key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
