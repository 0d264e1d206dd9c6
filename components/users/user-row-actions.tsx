"use client";

import { useState, useTransition, type FormEvent } from "react";
import { KeyRound, LogOut, Pencil, UserCheck, UserX } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import {
  endUserSessionsAction,
  resetUserPasswordAction,
  setUserActiveAction,
  updateUserAction,
} from "@/components/users/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SelectField } from "@/components/ui/select-field";
import { OneTimeSecret } from "@/components/users/one-time-secret";
import { ROLE_OPTIONS } from "@/components/users/role-options";
import type { Role } from "@/lib/auth/roles";

type RowUser = {
  id: string;
  email: string;
  name: string;
  role: string;
  active: boolean;
  authProvider: string;
  openSessions: number;
};

export function UserRowActions({ user, isSelf }: { user: RowUser; isSelf: boolean }) {
  const router = useRouter();
  const [resetPassword, setResetPassword] = useState<string | null>(null);

  async function toggleActive() {
    const result = await setUserActiveAction({ id: user.id, active: !user.active });
    if (!result.ok) {
      toast.error(result.error);
      return false;
    }
    toast.success(result.data.active ? `${user.email} can sign in again.` : `${user.email} can no longer sign in.`);
    router.refresh();
  }

  async function reset() {
    const result = await resetUserPasswordAction({ id: user.id });
    if (!result.ok) {
      toast.error(result.error);
      return false;
    }
    toast.success(`New password set for ${user.email}.`);
    setResetPassword(result.data.generatedPassword);
  }

  async function endSessions() {
    const result = await endUserSessionsAction({ id: user.id });
    if (!result.ok) {
      toast.error(result.error);
      return false;
    }
    toast.success(
      `${result.data.sessionsEnded === 1 ? "1 session" : `${result.data.sessionsEnded} sessions`} of ${user.email} ended.`,
    );
    router.refresh();
  }

  return (
    <div className="flex justify-end gap-1">
      <EditUserDialog user={user} />
      <ConfirmDialog
        trigger={
          <Button
            variant="ghost"
            size="icon"
            aria-label={`End sessions of ${user.email}`}
            disabled={user.openSessions === 0}
          >
            <LogOut aria-hidden="true" />
          </Button>
        }
        title={`End every session of ${user.email}?`}
        description={
          isSelf
            ? "You are signed out everywhere, here too, at your next request."
            : "They are signed out on every device at their next request and must sign in again."
        }
        confirmLabel="End sessions"
        destructive
        onConfirm={endSessions}
      />
      {user.authProvider === "credentials" ? (
        <ConfirmDialog
          trigger={
            <Button variant="ghost" size="icon" aria-label={`Reset password of ${user.email}`}>
              <KeyRound aria-hidden="true" />
            </Button>
          }
          title={`Reset the password of ${user.email}?`}
          description="A new password is generated and shown once. The old one stops working at once."
          confirmLabel="Reset password"
          onConfirm={reset}
        />
      ) : null}
      {isSelf ? null : (
        <ConfirmDialog
          trigger={
            <Button variant="ghost" size="icon" aria-label={`${user.active ? "Deactivate" : "Activate"} ${user.email}`}>
              {user.active ? <UserX aria-hidden="true" /> : <UserCheck aria-hidden="true" />}
            </Button>
          }
          title={user.active ? `Deactivate ${user.email}?` : `Activate ${user.email}?`}
          description={
            user.active
              ? "They are signed out at their next request and cannot sign in until activated again."
              : "They can sign in again with their current password."
          }
          confirmLabel={user.active ? "Deactivate" : "Activate"}
          destructive={user.active}
          onConfirm={toggleActive}
        />
      )}
      <Dialog open={resetPassword !== null} onOpenChange={(open) => !open && setResetPassword(null)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>New password for {user.email}</DialogTitle>
            <DialogDescription>Give it to the user over a safe channel.</DialogDescription>
          </DialogHeader>
          {resetPassword ? <OneTimeSecret label="New password" value={resetPassword} /> : null}
          <DialogFooter>
            <Button onClick={() => setResetPassword(null)}>Done</Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}

function EditUserDialog({ user }: { user: RowUser }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await updateUserAction({
        id: user.id,
        name: String(form.get("name") ?? ""),
        role: String(form.get("role") ?? "") as Role,
      });
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        toast.error(result.error);
        return;
      }
      toast.success(`${user.email} updated.`);
      setFieldErrors({});
      setOpen(false);
      router.refresh();
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        // Reopened, the form starts clean: errors belong to the attempt that made them.
        setFieldErrors({});
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={`Edit ${user.email}`}>
          <Pencil aria-hidden="true" />
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Edit {user.email}</DialogTitle>
          <DialogDescription>Role changes apply at the user&apos;s next request.</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          <Field label="Name" required error={fieldErrors.name}>
            <Input name="name" defaultValue={user.name} />
          </Field>
          <SelectField
            label="Role"
            required
            error={fieldErrors.role}
            name="role"
            defaultValue={user.role}
            options={ROLE_OPTIONS}
          />
          <DialogFooter>
            <Button type="submit" loading={pending} loadingText="Saving…">
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
