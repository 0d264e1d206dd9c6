"use client";

import type { ReactNode } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { RunModeName } from "@/lib/tenants/run-request";
import { runModeEffect, runModeLabel } from "./status-display";

type Result = { ok: true } | { ok: false; error: string };

/** A Plan / Apply / Verify button that says what will happen before it queues anything. */
export function RunConfirmButton({
  mode,
  subject,
  description,
  details,
  disabled,
  size = "sm",
  variant,
  label,
  ariaLabel,
  run,
  onQueued,
}: {
  mode: RunModeName;
  /** e.g. "3 tenants" or "Acme". */
  subject: string;
  /** What the run does, when not the mode's whole-tenant effect (e.g. one step). */
  description?: string;
  details?: ReactNode;
  disabled?: boolean;
  size?: "sm" | "md";
  variant?: "primary" | "outline" | "secondary";
  label?: string;
  /** The trigger's accessible name when its text alone is ambiguous, e.g. "Apply Connect org" beside other steps. */
  ariaLabel?: string;
  run: () => Promise<Result>;
  onQueued?: () => void;
}) {
  const router = useRouter();
  const text = label ?? runModeLabel[mode]!;
  const verb = runModeLabel[mode]!;
  return (
    <ConfirmDialog
      trigger={
        <Button
          size={size}
          variant={variant ?? (mode === "apply" ? "primary" : "outline")}
          disabled={disabled}
          aria-label={ariaLabel}
        >
          {text}
        </Button>
      }
      title={`${verb} ${subject}?`}
      description={description ?? `${verb} ${runModeEffect[mode]}`}
      confirmLabel={text}
      pendingLabel="Queuing…"
      onConfirm={async () => {
        const result = await run();
        if (!result.ok) {
          toast.error(`Could not queue: ${verb.toLowerCase()} ${subject}`, { description: result.error });
          return false;
        }
        toast.success(`${verb} queued for ${subject}`, {
          description: "A worker picks it up in a moment; the status updates as it runs.",
        });
        onQueued?.();
        router.refresh();
      }}
    >
      {details}
    </ConfirmDialog>
  );
}
