"use client";

import { useTransition } from "react";
import { toast } from "sonner";
import { enqueueTenantRunAction } from "./actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Shown while no step has a plan: planning only reads, so it runs without a confirmation. */
export function PlanFirst({
  tenantId,
  disabled,
  onQueued,
}: {
  tenantId: string;
  disabled: boolean;
  onQueued: (runId: string) => void;
}) {
  const [pending, startTransition] = useTransition();
  return (
    <Alert variant="info" title="No plan yet" data-testid="plan-first">
      <p>
        Plan reads Genesys Cloud and Configuration Server and shows on each step what Apply will change. Nothing is
        written.
      </p>
      <Button
        className="mt-2"
        size="sm"
        disabled={disabled}
        loading={pending}
        loadingText="Queuing…"
        onClick={() =>
          startTransition(async () => {
            const result = await enqueueTenantRunAction({ tenantId, mode: "plan" });
            if (!result.ok) {
              toast.error("Could not queue the plan", { description: result.error });
              return;
            }
            toast.success("Plan queued", { description: "Each step shows what Apply will do when it finishes." });
            onQueued(result.data.runId);
          })
        }
      >
        Plan
      </Button>
    </Alert>
  );
}
