"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { revealStepSecretAction } from "@/components/transaction-object/actions";
import { enqueueTenantRunAction } from "./actions";
import { RunConfirmButton } from "@/components/tenants/run-confirm-button";
import { runModeLabel, stepStatusDisplay } from "@/components/tenants/status-display";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { StatusChip } from "@/components/ui/status-chip";
import type { ChecklistStep } from "@/lib/tenants/checklist";
import { ManualCompletionDialog } from "./manual-completion-dialog";
import { ManualCompletionForm, type Continued } from "./manual-completion-form";
import { SecretValue } from "./secret-value";
import { SideEffects } from "./side-effects";
import { StepLastRun } from "./step-last-run";
import { StepOutputs } from "./step-outputs";
import { StepApplySummary } from "./step-apply-summary";
import { StepPlan } from "./step-plan";

export function StepCard({
  step,
  number,
  tenantId,
  canRun,
  canReveal,
  busy,
  onQueued,
  onChanged,
}: {
  step: ChecklistStep;
  number: number;
  tenantId: string;
  canRun: boolean;
  canReveal: boolean;
  busy: boolean;
  /** With the run's id: the checklist follows that run until it ends. */
  onQueued: (runId: string) => void;
  onChanged: () => void;
}) {
  const [pending, startTransition] = useTransition();
  // A done step is folded to its title, status and last run until opened; the operator's choice then stays.
  const foldable = step.status === "done";
  const [open, setOpen] = useState<boolean | null>(null);
  const expanded = !foldable || (open ?? false);
  const detailsId = `step-details-${step.key}`;
  const display = stepStatusDisplay[step.status];
  const last = step.lastStepRun;
  const completable = canRun && step.applies && step.manualFields && step.manualCompletion;
  // Entering what a run waited for queues that run again: the checklist then follows it like any queued run.
  const completed = (continued: Continued) => (continued ? onQueued(continued) : onChanged());
  // Where the last run asked for input, the form to enter it is in place, with the message that asks for it.
  const askedForInput = last?.status === "needs-input";
  const manualCompletion =
    completable && !askedForInput ? (
      <ManualCompletionDialog
        tenantId={tenantId}
        stepKey={step.key}
        stepTitle={step.title}
        description={step.manualCompletion!}
        fields={step.manualFields!}
        disabled={busy}
        onDone={completed}
      />
    ) : null;
  const inputForm =
    completable && askedForInput ? (
      <ManualCompletionForm
        tenantId={tenantId}
        stepKey={step.key}
        stepTitle={step.title}
        fields={step.manualFields!}
        disabled={busy}
        onDone={completed}
      />
    ) : undefined;

  /** Plan and Verify only read: they are queued at once, without asking. */
  function queue(mode: "plan" | "verify") {
    startTransition(async () => {
      const result = await enqueueTenantRunAction({ tenantId, mode, stepKey: step.key });
      if (!result.ok) {
        toast.error(`Could not queue ${mode} of "${step.title}"`, { description: result.error });
        return;
      }
      toast.success(`${runModeLabel[mode]} of "${step.title}" queued`);
      onQueued(result.data.runId);
    });
  }

  return (
    <Card
      id={`step-${step.key}`}
      data-testid={`step-${step.key}`}
      data-status={step.status}
      aria-labelledby={`step-title-${step.key}`}
      className="scroll-mt-20"
    >
      <CardHeader>
        <CardTitle id={`step-title-${step.key}`} className="text-base">
          <span className="mr-2 tabular-nums text-muted-foreground">{number}.</span>
          {step.title}
        </CardTitle>
        <CardDescription>{step.description}</CardDescription>
        <StatusChip tone={display.tone} label={display.label} data-testid="step-status" />
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {!step.applies ? (
          <p className="text-muted-foreground">Not needed for this tenant (its services or settings leave it out).</p>
        ) : null}
        {last ? <StepLastRun last={last} manual={step.manual} completeByHand={inputForm} /> : null}
        {/* Kept in the page when folded (hidden), so what it says is still found by searching the page. */}
        <div id={detailsId} hidden={!expanded} className="grid gap-3">
          {step.applies ? <SideEffects stepKey={step.key} items={step.sideEffects} /> : null}
          {last?.changes.length ? (
            <div>
              <p className="font-medium">Changes made</p>
              <ul className="list-inside list-disc text-muted-foreground">
                {last.changes.map((change) => (
                  <li key={change}>{change}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {step.plan && step.applies ? <StepPlan stepKey={step.key} plan={step.plan} /> : null}
          {step.drift.length ? (
            <div>
              <p className="font-medium">
                {step.verifyStatus === "missing"
                  ? "Missing at the last verification"
                  : "Differences found at the last verification"}
              </p>
              <table className="mt-1 w-full text-left text-xs">
                <caption className="sr-only">Field, expected value, live value</caption>
                <thead>
                  <tr>
                    <th scope="col" className="pr-2">
                      Field
                    </th>
                    <th scope="col" className="pr-2">
                      Expected
                    </th>
                    <th scope="col">Live</th>
                  </tr>
                </thead>
                <tbody>
                  {step.drift.map((difference) => (
                    <tr key={difference.field}>
                      <td className="pr-2 font-mono">{difference.field}</td>
                      <td className="pr-2 font-mono break-all">{difference.expected}</td>
                      <td className="font-mono break-all">{difference.actual}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <StepOutputs outputs={step.outputs} />
          {step.secrets.length ? (
            <div>
              <p className="font-medium">Secrets</p>
              <dl className="grid gap-1">
                {step.secrets.map((secret) => (
                  <div
                    key={secret.purpose}
                    className="flex min-w-0 items-center gap-2"
                    data-testid={`secret-${secret.purpose}`}
                  >
                    <dt className="shrink-0 text-muted-foreground">{secret.label}</dt>
                    <dd className="flex min-w-0 flex-1">
                      <SecretValue
                        label={`${secret.label} of ${step.title}`}
                        canReveal={canReveal}
                        reveal={() => revealStepSecretAction({ tenantId, purpose: secret.purpose })}
                      />
                    </dd>
                  </div>
                ))}
              </dl>
            </div>
          ) : null}
        </div>
        {canRun && step.applies ? (
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              variant="ghost"
              disabled={busy || pending}
              onClick={() => queue("plan")}
              aria-label={`Plan ${step.title}`}
            >
              Plan
            </Button>
            <RunConfirmButton
              mode="apply"
              label="Apply"
              ariaLabel={`Apply ${step.title}`}
              subject={`"${step.title}"`}
              description="Only this step runs; the steps that depend on it run with the next Apply all."
              variant="outline"
              disabled={busy || pending}
              details={<StepApplySummary step={step} />}
              run={async () => {
                const result = await enqueueTenantRunAction({ tenantId, mode: "apply", stepKey: step.key });
                if (result.ok) onQueued(result.data.runId);
                return result;
              }}
            />
            <Button
              size="sm"
              variant="ghost"
              disabled={busy || pending}
              onClick={() => queue("verify")}
              aria-label={`Verify ${step.title}`}
            >
              Verify
            </Button>
            {manualCompletion}
          </div>
        ) : null}
        {foldable ? (
          <Button
            size="sm"
            variant="link"
            className="justify-self-start px-0"
            aria-expanded={expanded}
            aria-controls={detailsId}
            aria-label={`${expanded ? "Hide" : "Show"} details of ${step.title}`}
            onClick={() => setOpen(!expanded)}
          >
            {expanded ? "Hide details" : "Show details"}
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}
