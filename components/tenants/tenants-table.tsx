"use client";

import { useMemo, useState, type ReactNode } from "react";
import Link from "next/link";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type RowSelectionState,
  type VisibilityState,
} from "@tanstack/react-table";
import { enqueueBulkRunsAction } from "./actions";
import { Checkbox } from "@/components/ui/checkbox";
import { StatusChip } from "@/components/ui/status-chip";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Phase } from "@/lib/provisioning";
import type { OverviewRow } from "@/lib/tenants/overview";
import type { Serialized } from "@/lib/utils/serialized";
import { cn } from "@/lib/utils/cn";
import { ColumnChooser } from "./column-chooser";
import { overviewQueryString, type OverviewParams, type SortKey } from "@/lib/tenants/overview-params";
import { RUN_MODES } from "@/lib/tenants/run-request";
import { RunConfirmButton } from "./run-confirm-button";
import {
  certificateDisplay,
  formatDateTime,
  runModeLabel,
  runStatusDisplay,
  stepStatusDisplay,
} from "./status-display";
import { TenantStatusCell } from "./tenant-status-cell";
import { useColumnVisibility } from "./use-column-visibility";

/** A row as the browser receives it (from the page or the polled route): dates as ISO strings. */
export type OverviewRowView = Serialized<OverviewRow>;

type ColumnMeta = { sortKey?: SortKey; label?: string; sticky?: boolean };

/** Hidden until the operator shows them (Columns): less to scroll past at 1280 px; the tenant column stays in view. */
const HIDDEN_BY_DEFAULT: VisibilityState = { region: false, verified: false };

type Props = {
  rows: OverviewRowView[];
  phases: { phase: Phase; label: string }[];
  params: OverviewParams;
  basePath: string;
  canRun: boolean;
  /** Called once a bulk run is queued (the overview then polls faster). */
  onQueued?: () => void;
  /** Beside the column chooser, e.g. the CSV export. */
  tools?: ReactNode;
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

export function TenantsTable({ rows, phases, params, basePath, canRun, onQueued, tools }: Props) {
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [columnVisibility, setColumnVisibility] = useColumnVisibility("tenants-overview-columns", HIDDEN_BY_DEFAULT);
  const sortedBy = (key: SortKey): "ascending" | "descending" | undefined =>
    params.sort === key ? (params.dir === "asc" ? "ascending" : "descending") : undefined;

  const columns = useMemo<ColumnDef<OverviewRowView>[]>(() => {
    const sortable = (
      id: SortKey,
      label: string,
      cell: ColumnDef<OverviewRowView>["cell"],
    ): ColumnDef<OverviewRowView> => ({
      id,
      header: () => <SortHeader label={label} sortKey={id} params={params} basePath={basePath} />,
      cell,
      meta: { sortKey: id, label } satisfies ColumnMeta,
    });
    // The tenant column carries the row's checkbox and stays in view while the table scrolls sideways.
    const tenant: ColumnDef<OverviewRowView> = {
      id: "tenant",
      enableHiding: false,
      meta: { sortKey: "tenant", label: "Tenant", sticky: true } satisfies ColumnMeta,
      header: ({ table }) => (
        <div className="flex items-center gap-3">
          {canRun ? (
            <Checkbox
              aria-label="Select all tenants on this page"
              checked={table.getIsAllRowsSelected() ? true : table.getIsSomeRowsSelected() ? "indeterminate" : false}
              onCheckedChange={(value) => table.toggleAllRowsSelected(value === true)}
            />
          ) : null}
          <SortHeader label="Tenant" sortKey="tenant" params={params} basePath={basePath} />
        </div>
      ),
      cell: ({ row }) => (
        <div className="flex items-center gap-3">
          {canRun ? (
            <Checkbox
              aria-label={`Select ${row.original.cfgTenantName}`}
              checked={row.getIsSelected()}
              onCheckedChange={(value) => row.toggleSelected(value === true)}
            />
          ) : null}
          <Link href={`/tenants/${row.original.id}`} className="font-medium underline-offset-2 hover:underline">
            {row.original.cfgTenantName}
          </Link>
        </div>
      ),
    };
    const plain = (
      id: string,
      label: string,
      cell: ColumnDef<OverviewRowView>["cell"],
    ): ColumnDef<OverviewRowView> => ({ id, header: label, cell, meta: { label } satisfies ColumnMeta });
    return [
      tenant,
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
      plain("progress", "Progress", ({ row }) => <TenantStatusCell summary={row.original.summary} />),
      ...phases.map(({ phase, label }): ColumnDef<OverviewRowView> => ({
        id: `phase-${phase}`,
        header: label,
        meta: { label } satisfies ColumnMeta,
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
      plain("verified", "Last verified", ({ row }) => (
        <span className="whitespace-nowrap text-xs">{formatDateTime(row.original.summary.lastVerifiedAt)}</span>
      )),
      plain("drift", "Drift", ({ row }) =>
        row.original.summary.driftedSteps > 0 ? (
          <StatusChip tone="warning" label={`${row.original.summary.driftedSteps} drifted`} />
        ) : (
          <span className="whitespace-nowrap text-xs text-muted-foreground">None found</span>
        ),
      ),
      plain("last-run", "Last run", ({ row }) => {
        const run = row.original.lastRun;
        if (!run) return <span className="whitespace-nowrap text-xs text-muted-foreground">No runs yet</span>;
        const display = runStatusDisplay[run.status] ?? { tone: "neutral" as const, label: run.status };
        return (
          <div className="grid gap-1">
            <StatusChip tone={display.tone} label={`${runModeLabel[run.mode] ?? run.mode}: ${display.label}`} />
            <time
              dateTime={run.finishedAt ?? run.startedAt}
              className="whitespace-nowrap text-xs text-muted-foreground"
            >
              {formatDateTime(run.finishedAt ?? run.startedAt)}
            </time>
          </div>
        );
      }),
    ];
  }, [canRun, phases, params, basePath]);

  // TanStack Table returns fresh functions each render; the compiler leaves this component alone, which is what we want.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (row) => row.id,
    state: { rowSelection, columnVisibility },
    onRowSelectionChange: setRowSelection,
    onColumnVisibilityChange: (updater) =>
      setColumnVisibility(typeof updater === "function" ? updater(columnVisibility) : updater),
    enableRowSelection: canRun,
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    getCoreRowModel: getCoreRowModel(),
  });

  const selected = table.getSelectedRowModel().rows.map((row) => row.original);
  const subject = selected.length === 1 ? selected[0]!.cfgTenantName : `${selected.length} tenants`;

  const metaOf = (column: { columnDef: { meta?: unknown } }) => (column.columnDef.meta ?? {}) as ColumnMeta;
  const choices = table
    .getAllLeafColumns()
    .filter((column) => column.getCanHide())
    .map((column) => ({ id: column.id, label: metaOf(column).label ?? column.id, visible: column.getIsVisible() }));

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
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
                // Without a selection every button is plain, so none looks ready to press.
                variant={selected.length === 0 ? "outline" : undefined}
                disabled={selected.length === 0}
                details={
                  <p className="max-h-32 overflow-y-auto text-sm">
                    Tenants: {selected.map((row) => `${row.deployment.name}/${row.cfgTenantName}`).join(", ")}
                  </p>
                }
                run={() => enqueueBulkRunsAction({ tenantIds: selected.map((row) => row.id), mode })}
                onQueued={onQueued}
              />
            ))}
          </div>
        ) : (
          <span />
        )}
        <div className="flex flex-wrap items-center gap-2">
          {tools}
          <ColumnChooser
            columns={choices}
            onChange={(id, visible) => setColumnVisibility({ ...columnVisibility, [id]: visible })}
          />
        </div>
      </div>
      <Table>
        <TableCaption className="sr-only">
          Tenants with their provisioning progress; column headers with arrows sort the list.
        </TableCaption>
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => {
                const { sortKey, sticky } = metaOf(header.column);
                return (
                  <TableHead
                    key={header.id}
                    aria-sort={sortKey ? (sortedBy(sortKey) ?? "none") : undefined}
                    className={cn("whitespace-nowrap", sticky && stickyHead)}
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
                <TableCell key={cell.id} className={cn(metaOf(cell.column).sticky && stickyCell)}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

// Sticky cells need a background of their own (the row's shows through otherwise) and a line where rows scroll under.
const stickyEdge = "sticky left-0 z-10 shadow-[inset_-1px_0_0_var(--color-border)]";
const stickyHead = cn(stickyEdge, "bg-muted");
const stickyCell = cn(stickyEdge, "bg-card in-data-[state=selected]:bg-accent");
