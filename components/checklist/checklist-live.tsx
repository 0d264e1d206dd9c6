"use client";

import { useEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { enqueueTenantRunAction } from "./actions";
import { RunConfirmButton } from "@/components/tenants/run-confirm-button";
import {
  runModeLabel,
  runStatusDisplay,
  stepProgressText,
  tenantSummaryDisplay,
} from "@/components/tenants/status-display";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { StatusChip } from "@/components/ui/status-chip";
import { ROTATION_STEP_KEY } from "@/lib/provisioning/client-safe";
import type { ChecklistRun, TenantChecklist } from "@/lib/tenants/checklist";
import { RUN_MODES } from "@/lib/tenants/run-request";
import { ApplyAllSummary } from "./apply-all-summary";
import { AttentionBanner } from "./attention-banner";
import { CancelRunButton } from "./cancel-run-button";
import { PlanFirst } from "./plan-first";
import { RunHistory } from "./run-history";
import { StepCard } from "./step-card";
import { queuedFor, runToastId, waitedFor } from "./waited";

const POLL_MS = 1500;
/** A run queued this long without a worker taking it probably has no worker to run it. */
const QUEUE_PATIENCE_MS = 120_000;

const isLive = (run: ChecklistRun) => run.status === "queued" || run.status === "running";

async function fetchChecklist(tenantId: string): Promise<TenantChecklist> {
  const response = await fetch(`/api/tenants/${tenantId}/status`, { cache: "no-store" });
  const body = (await response.json().catch(() => ({}))) as TenantChecklist & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `The status request failed (${response.status}).`);
  return body;
}

/** Says how a run that was queued or running while the page was open ended. */
function toastOutcome(run: ChecklistRun, tenantName: string) {
  const label = runModeLabel[run.mode] ?? run.mode;
  const id = runToastId(run.id);
  if (run.status === "succeeded") {
    toast.success(`${label} finished`, { id, description: `${tenantName}: every step succeeded.` });
  } else if (run.status === "needs-input") {
    const description = run.operatorMessage ?? "See the step that needs input for what to enter.";
    toast.warning(`${label} needs input`, { id, description });
  } else if (run.status === "cancelled") {
    toast.info(`${label} cancelled`, { id, description: run.operatorMessage ?? undefined });
  } else {
    toast.error(`${label} ${runStatusDisplay[run.status]?.label.toLowerCase() ?? run.status}`, {
      id,
      description: run.operatorMessage ?? "See the step that failed for what to do next.",
    });
  }
}

/** The current time, ticking every second while `ticking`; null until mounted (the server renders no clock). */
function useNow(ticking: boolean): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!ticking) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [ticking]);
  return now;
}

/** The checklist, kept live: it polls while a run is queued or running and stops when it ends. */
export function ChecklistLive({
  initial,
  canRun,
  canReveal,
}: {
  initial: TenantChecklist;
  canRun: boolean;
  canReveal: boolean;
}) {
  const tenantId = initial.tenant.id;
  const tenantName = initial.tenant.cfgTenantName;
  const router = useRouter();
  // Runs seen queued or running (here or before a reload): when one of them ends, the operator is told how.
  const watched = useRef(new Set(initial.runs.filter(isLive).map((run) => run.id)));
  // Between a run being asked for and the checklist showing its row.
  const [requested, setRequested] = useState(false);

  function settle(next: TenantChecklist) {
    const byId = new Map(next.runs.map((run) => [run.id, run]));
    let ended = false;
    for (const id of watched.current) {
      const run = byId.get(id);
      if (run && isLive(run)) continue;
      watched.current.delete(id);
      if (!run) continue;
      toastOutcome(run, tenantName);
      ended = true;
    }
    for (const run of next.runs.filter(isLive)) watched.current.add(run.id);
    setRequested(false);
    // The page header (org name, region) is server-rendered: refresh it once a run is over.
    if (ended) router.refresh();
  }

  const query = useQuery({
    queryKey: ["tenant-checklist", tenantId],
    queryFn: async () => {
      const next = await fetchChecklist(tenantId);
      settle(next);
      return next;
    },
    initialData: initial,
    staleTime: 0,
    refetchInterval: (current) => (current.state.data?.currentRun ? POLL_MS : false),
  });
  const data = query.data;
  const current = data.currentRun;
  const now = useNow(current?.status === "queued");
  const waited =
    current?.status === "queued" && now !== null
      ? queuedFor(current, { checkedAt: data.checkedAt, receivedAt: query.dataUpdatedAt, now })
      : null;

  /** A run just asked for: followed from now, even if it ends before the next poll sees it going. */
  const follow = (runId: string) => {
    watched.current.add(runId);
    setRequested(true);
    void query.refetch();
  };
  const refetch = () => void query.refetch();
  // A failed refresh must not leave the buttons disabled for good: the alert below says live updates paused.
  const busy = (requested && !query.isError) || current !== null;
  const stepTitles = {
    [ROTATION_STEP_KEY]: "Certificate rotation",
    ...Object.fromEntries(data.phases.flatMap((phase) => phase.steps.map((step) => [step.key, step.title]))),
  };
  const latest = data.latestRun;
  const planned = data.phases.some((phase) => phase.steps.some((step) => step.plan !== null));
  const steps = data.phases.flatMap((phase) => phase.steps);
  const numbers = new Map(steps.map((step, index) => [step.key, index + 1]));

  return (
    <div className="grid grid-cols-1 gap-6">
      <AttentionBanner tenantId={tenantId} items={data.attention} />
      <Card>
        <CardHeader>
          <CardTitle>Progress</CardTitle>
          <CardDescription>{stepProgressText(data.summary)}</CardDescription>
          <StatusChip data-testid="tenant-status" {...tenantSummaryDisplay(data.summary)} />
        </CardHeader>
        <CardContent className="grid gap-3">
          <div className="grid gap-2 text-sm" data-testid="run-state">
            {current ? (
              <div className="flex flex-wrap items-center gap-2">
                <span aria-live="polite">
                  <StatusChip
                    tone="progress"
                    label={`${runModeLabel[current.mode] ?? current.mode} ${current.status === "queued" ? "queued" : "running"}`}
                  />
                </span>
                {waited !== null ? (
                  <span className="tabular-nums text-muted-foreground" aria-hidden="true" data-testid="queued-for">
                    Queued {waitedFor(waited)}
                  </span>
                ) : null}
                {current.cancelRequested ? (
                  <span className="text-muted-foreground">Cancelled: it stops after the current step.</span>
                ) : canRun ? (
                  <CancelRunButton tenantId={tenantId} run={current} onCancelled={refetch} />
                ) : null}
              </div>
            ) : requested && !query.isError ? (
              <StatusChip tone="progress" label="Queuing…" />
            ) : latest ? (
              <span className="text-muted-foreground" aria-live="polite">
                Last run: {runModeLabel[latest.mode] ?? latest.mode}{" "}
                {(runStatusDisplay[latest.status]?.label ?? latest.status).toLowerCase()}
              </span>
            ) : (
              <span className="text-muted-foreground">Nothing has run yet.</span>
            )}
            {current?.status === "queued" && current.operatorMessage ? (
              <p className="text-muted-foreground">{current.operatorMessage}</p>
            ) : null}
            {waited !== null && waited > QUEUE_PATIENCE_MS && !current?.operatorMessage ? (
              <p className="text-muted-foreground">
                No worker has taken it yet. Check that workers run (WORKER=on, or npm run worker).
              </p>
            ) : null}
            {!current && latest?.operatorMessage && latest.status !== "succeeded" ? (
              <p className="text-muted-foreground" data-testid="last-run-message">
                {latest.operatorMessage}
              </p>
            ) : null}
          </div>
          {query.isError ? (
            <Alert variant="warning" title="Live updates paused">
              {query.error.message} The page shows the last state it received; reload to try again.
            </Alert>
          ) : null}
          {canRun && !planned && data.summary.status !== "done" ? (
            <PlanFirst tenantId={tenantId} disabled={busy} onQueued={follow} />
          ) : null}
          {canRun ? (
            <div className="flex flex-wrap gap-2">
              {RUN_MODES.map((mode) => (
                <RunConfirmButton
                  key={mode}
                  mode={mode}
                  label={`${runModeLabel[mode]} all`}
                  subject={`every step of ${data.tenant.cfgTenantName}`}
                  size="md"
                  disabled={busy}
                  details={mode === "apply" ? <ApplyAllSummary steps={steps} /> : undefined}
                  run={async () => {
                    const result = await enqueueTenantRunAction({ tenantId, mode });
                    if (result.ok) follow(result.data.runId);
                    return result;
                  }}
                />
              ))}
            </div>
          ) : null}
        </CardContent>
      </Card>

      <ol className="grid grid-cols-1 gap-6" aria-label="Checklist">
        {data.phases.map((group) => (
          <li key={group.id}>
            <section aria-labelledby={`phase-${group.id}`} className="grid gap-3">
              <h2 id={`phase-${group.id}`} className="text-lg font-semibold">
                {group.label}
              </h2>
              <ol className="grid gap-3">
                {group.steps.map((step) => (
                  <li key={step.key}>
                    <StepCard
                      step={step}
                      number={numbers.get(step.key) ?? 0}
                      tenantId={tenantId}
                      canRun={canRun}
                      canReveal={canReveal}
                      busy={busy}
                      onQueued={follow}
                      onChanged={refetch}
                    />
                  </li>
                ))}
              </ol>
            </section>
          </li>
        ))}
      </ol>

      <Card>
        <CardHeader>
          <CardTitle>Run history</CardTitle>
          <CardDescription>The latest ten runs: who asked, when, and what the operator needs to know.</CardDescription>
        </CardHeader>
        <CardContent>
          <RunHistory
            runs={data.runs}
            stepTitles={stepTitles}
            cancel={canRun ? { tenantId, onCancelled: refetch } : undefined}
          />
        </CardContent>
      </Card>
    </div>
  );
}
