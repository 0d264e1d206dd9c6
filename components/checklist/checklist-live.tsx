"use client";

import { useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
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
import type { TenantChecklist } from "@/lib/tenants/checklist";
import { RUN_MODES } from "@/lib/tenants/run-request";
import { ApplyAllSummary } from "./apply-all-summary";
import { AttentionBanner } from "./attention-banner";
import { PlanFirst } from "./plan-first";
import { RunHistory } from "./run-history";
import { StepCard, type QueuedRun } from "./step-card";

const POLL_MS = 1500;
/** A queued run that has not started by then probably has no worker to run it. */
const QUEUE_PATIENCE_MS = 120_000;

/** The run just queued: of this mode and step, newer than the latest run seen when it was queued. */
type Awaiting = QueuedRun & { afterRunId: string | null; since: number };

async function fetchChecklist(tenantId: string): Promise<TenantChecklist> {
  const response = await fetch(`/api/tenants/${tenantId}/status`, { cache: "no-store" });
  const body = (await response.json().catch(() => ({}))) as TenantChecklist & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `The status request failed (${response.status}).`);
  return body;
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
  const [awaiting, setAwaiting] = useState<Awaiting | null>(null);
  const awaitingRef = useRef<Awaiting | null>(null);
  const tenantName = initial.tenant.cfgTenantName;
  const router = useRouter();

  /** Ends the wait once a run newer than the one seen at queue time has finished, and says how it went. */
  function settle(next: TenantChecklist) {
    const waiting = awaitingRef.current;
    if (!waiting) return;
    const latest = next.latestRun;
    // Matching mode and step too: a run that ended just before (a manual completion) is not the one queued.
    const ours =
      latest && latest.id !== waiting.afterRunId && latest.mode === waiting.mode && latest.stepKey === waiting.stepKey;
    const finished = ours && latest.status !== "running";
    const givenUp = !finished && !next.runActive && Date.now() - waiting.since > QUEUE_PATIENCE_MS;
    if (!finished && !givenUp) return;
    awaitingRef.current = null;
    setAwaiting(null);
    // The page header (org name, region) is server-rendered: refresh it once the run is over.
    router.refresh();
    if (givenUp || !latest) {
      toast.warning("The run is still queued", {
        description: "No worker has picked it up. Check that workers run (WORKER=on, or npm run worker).",
      });
      return;
    }
    const label = runModeLabel[latest.mode] ?? latest.mode;
    if (latest.status === "succeeded") {
      toast.success(`${label} finished`, { description: `${tenantName}: every step succeeded.` });
    } else if (latest.status === "needs-input") {
      const description = latest.operatorMessage ?? "See the step that needs input for what to enter.";
      toast.warning(`${label} needs input`, { description });
    } else {
      toast.error(`${label} ${latest.status}`, {
        description: latest.operatorMessage ?? "See the step that failed for what to do next.",
      });
    }
  }

  const queryClient = useQueryClient();
  const queryKey = ["tenant-checklist", tenantId];
  const query = useQuery({
    queryKey,
    queryFn: async () => {
      const next = await fetchChecklist(tenantId);
      settle(next);
      return next;
    },
    initialData: initial,
    staleTime: 0,
    refetchInterval: (current) => (awaitingRef.current || current.state.data?.runActive ? POLL_MS : false),
  });
  const data = query.data;

  const startAwaiting = (queued: QueuedRun) => {
    // The cache as it is now, not as this render saw it: a refetch may have ended since.
    const seen = queryClient.getQueryData<TenantChecklist>(queryKey) ?? data;
    const waiting = { since: Date.now(), ...queued, afterRunId: queued.afterRunId ?? seen.latestRun?.id ?? null };
    awaitingRef.current = waiting;
    setAwaiting(waiting);
    void query.refetch();
  };
  const busy = Boolean(awaiting) || data.runActive;
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
          <div aria-live="polite" className="text-sm" data-testid="run-state">
            {awaiting && !data.runActive ? (
              <StatusChip tone="progress" label="Queued: waiting for a worker" />
            ) : data.runActive && latest ? (
              <StatusChip tone="progress" label={`${runModeLabel[latest.mode] ?? latest.mode} running`} />
            ) : latest ? (
              <span className="text-muted-foreground">
                Last run: {runModeLabel[latest.mode] ?? latest.mode}{" "}
                {(runStatusDisplay[latest.status]?.label ?? latest.status).toLowerCase()}
              </span>
            ) : (
              <span className="text-muted-foreground">Nothing has run yet.</span>
            )}
          </div>
          {query.isError ? (
            <Alert variant="warning" title="Live updates paused">
              {query.error.message} The page shows the last state it received; reload to try again.
            </Alert>
          ) : null}
          {canRun && !planned && data.summary.status !== "done" ? (
            <PlanFirst
              tenantId={tenantId}
              disabled={busy}
              onQueued={() => startAwaiting({ mode: "plan", stepKey: null })}
            />
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
                  run={() => enqueueTenantRunAction({ tenantId, mode })}
                  onQueued={() => startAwaiting({ mode, stepKey: null })}
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
                      onQueued={startAwaiting}
                      onChanged={() => void query.refetch()}
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
          <RunHistory runs={data.runs} stepTitles={stepTitles} />
        </CardContent>
      </Card>
    </div>
  );
}
