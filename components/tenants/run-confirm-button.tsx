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
  details,
  disabled,
  size = "sm",
  variant,
  label,
  run,
  onQueued,
}: {
  mode: RunModeName;
  /** e.g. "3 tenants" or "Acme". */
  subject: string;
  details?: ReactNode;
  disabled?: boolean;
  size?: "sm" | "md";
  variant?: "primary" | "outline" | "secondary";
  label?: string;
  run: () => Promise<Result>;
  onQueued?: () => void;
}) {
  const router = useRouter();
  const text = label ?? runModeLabel[mode]!;
  const verb = runModeLabel[mode]!;
  return (
    <ConfirmDialog
      trigger={
        <Button size={size} variant={variant ?? (mode === "apply" ? "primary" : "outline")} disabled={disabled}>
          {text}
        </Button>
      }
      title={`${verb} ${subject}?`}
      description={`${verb} ${runModeEffect[mode]}`}
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
