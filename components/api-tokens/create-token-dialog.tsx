"use client";

import { useState, useTransition, type FormEvent } from "react";
import { KeyRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { createApiTokenAction } from "@/components/api-tokens/actions";
import { Button } from "@/components/ui/button";
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
import { OneTimeSecret } from "@/components/users/one-time-secret";

export function CreateTokenDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [token, setToken] = useState<string | null>(null);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setToken(null);
      setFieldErrors({});
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const days = String(form.get("expiresInDays") ?? "").trim();
    startTransition(async () => {
      const result = await createApiTokenAction({
        name: String(form.get("name") ?? ""),
        expiresInDays: days ? Number(days) : undefined,
      });
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        toast.error(result.error);
        return;
      }
      toast.success(`API token ${result.data.name} created.`);
      router.refresh();
      setToken(result.data.token);
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <KeyRound aria-hidden="true" /> New token
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{token ? "Token created" : "New API token"}</DialogTitle>
          <DialogDescription>
            {token
              ? "Send it as `Authorization: Bearer <token>` to /api/v1."
              : "The token acts with your role as it is at each request, while your account is active."}
          </DialogDescription>
        </DialogHeader>
        {token ? (
          <>
            <OneTimeSecret label="API token" value={token} whenLost="revoke it and create another if it is lost" />
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} className="grid gap-4" noValidate>
            <Field
              label="Name"
              required
              description="What the token is for, e.g. ci-pipeline."
              error={fieldErrors.name}
            >
              <Input name="name" autoComplete="off" />
            </Field>
            <Field
              label="Expires in (days)"
              description="Leave empty for a token that works until revoked."
              error={fieldErrors.expiresInDays}
            >
              <Input name="expiresInDays" type="number" min={1} inputMode="numeric" />
            </Field>
            <DialogFooter>
              <Button type="submit" loading={pending} loadingText="Creating…">
                Create token
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
