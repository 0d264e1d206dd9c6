"use client";

import { useRef, useState, type FormEvent } from "react";
import { reauthenticateAction } from "./actions";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

const REAUTHENTICATION_REQUIRED = "reauthentication_required";

/** Whether a server action's result or a route's response asks for the password again. */
export const needsReauthentication = (outcome: { ok: boolean; code?: string }) =>
  !outcome.ok && outcome.code === REAUTHENTICATION_REQUIRED;
export const responseNeedsReauthentication = async (response: Response) =>
  response.status === 401 &&
  (
    (await response
      .clone()
      .json()
      .catch(() => ({}))) as { code?: string }
  ).code === REAUTHENTICATION_REQUIRED;

/**
 * Runs a sensitive call; when the server answers that the sign-in is too old, asks for the password in a dialog and
 * runs the call once more. Render `dialog` once in the component.
 */
export function useReauthentication() {
  const settle = useRef<((confirmed: boolean) => void) | null>(null);
  const [open, setOpen] = useState(false);

  const confirm = () =>
    new Promise<boolean>((resolve) => {
      settle.current = resolve;
      setOpen(true);
    });
  const close = (confirmed: boolean) => {
    settle.current?.(confirmed);
    settle.current = null;
    setOpen(false);
  };

  async function withReauthentication<T>(
    call: () => Promise<T>,
    asksAgain: (outcome: T) => boolean | Promise<boolean>,
  ): Promise<T> {
    const first = await call();
    if (!(await asksAgain(first)) || !(await confirm())) return first;
    return call();
  }

  return { withReauthentication, dialog: <ReauthenticateDialog open={open} onClose={close} /> };
}

function ReauthenticateDialog({ open, onClose }: { open: boolean; onClose: (confirmed: boolean) => void }) {
  // Not a transition: the call that opened this dialog is usually one, and React keeps entangled transitions pending
  // together, so the dialog's own pending state would never end while that call waits for the dialog.
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    setPending(true);
    const result = await reauthenticateAction({ password }).finally(() => setPending(false));
    if (!result.ok) return setError(result.fieldErrors?.password?.[0] ?? result.error);
    setError(null);
    onClose(true);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) return;
        setError(null);
        onClose(false);
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Confirm it is you</DialogTitle>
          <DialogDescription>
            Secrets and certificate rotation need a recent sign-in. Enter your password to go on.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          <Field label="Password" required error={error ? [error] : undefined}>
            <Input name="password" type="password" autoComplete="current-password" autoFocus />
          </Field>
          <DialogFooter>
            <Button type="submit" loading={pending} loadingText="Checking…">
              Confirm
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
