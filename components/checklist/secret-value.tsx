"use client";

import { useTransition } from "react";
import { EyeIcon, EyeOffIcon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { CopyButton } from "./copy-button";
import { useRevealed } from "./use-revealed";
import { needsReauthentication, useReauthentication } from "@/components/auth/use-reauthentication";

type RevealResult = { ok: true; data: { value: string } } | { ok: false; error: string };

export const MASKED = "••••••••";

/** A revealed value with copy and hide; long values (keys, certificates) scroll in their box. */
function RevealedText({ value, label, onHide }: { value: string; label: string; onHide: () => void }) {
  return (
    <span className="flex min-w-0 flex-1 items-start gap-1">
      {/* Focusable so a long value (a private key) can be scrolled with the keyboard. */}
      <code
        data-testid="revealed-secret"
        tabIndex={0}
        className="max-h-40 min-w-0 flex-1 overflow-auto whitespace-pre-wrap break-all rounded border border-warning/40 bg-warning-soft px-1.5 py-0.5 text-xs text-warning-soft-foreground"
      >
        {value}
      </code>
      <CopyButton value={value} label={label} />
      <Button variant="ghost" size="sm" onClick={onHide} aria-label={`Hide ${label}`}>
        <EyeOffIcon aria-hidden="true" />
        Hide
      </Button>
    </span>
  );
}

/**
 * A sealed secret: masked, with Reveal for roles allowed to see it. The value comes back only in the reveal
 * action's response (which the server records as secret.reveal) and lives only in this component's state.
 */
export function SecretValue({
  label,
  canReveal,
  reveal,
}: {
  label: string;
  canReveal: boolean;
  reveal: () => Promise<RevealResult>;
}) {
  const [value, setValue] = useRevealed<string>();
  const [pending, startTransition] = useTransition();
  const { withReauthentication, dialog } = useReauthentication();

  if (value !== null) return <RevealedText value={value} label={label} onHide={() => setValue(null)} />;
  return (
    <span className="flex min-w-0 flex-1 items-center gap-2">
      <span className="font-mono text-xs" aria-label={`${label}: hidden`}>
        {MASKED}
      </span>
      {canReveal ? (
        <Button
          variant="outline"
          size="sm"
          loading={pending}
          loadingText="Revealing…"
          aria-label={`Reveal ${label}`}
          onClick={() =>
            startTransition(async () => {
              const result = await withReauthentication(reveal, needsReauthentication);
              if (!result.ok) {
                toast.error(`Could not reveal ${label}`, { description: result.error });
                return;
              }
              setValue(result.data.value);
              toast.success(`${label} revealed`, {
                description: "Your reveal is recorded in the audit log. It hides again when you leave the page.",
              });
            })
          }
        >
          <EyeIcon aria-hidden="true" />
          Reveal
        </Button>
      ) : null}
      {dialog}
    </span>
  );
}
