"use client";

import { useState, useTransition, type FormEvent } from "react";
import { UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { createUserAction } from "@/components/users/actions";
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
import { SelectField } from "@/components/ui/select-field";
import { OneTimeSecret } from "@/components/users/one-time-secret";
import { ROLE_OPTIONS } from "@/components/users/role-options";

export function CreateUserDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setCreated(null);
      setFieldErrors({});
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await createUserAction({
        email: String(form.get("email") ?? ""),
        name: String(form.get("name") ?? ""),
        role: String(form.get("role") ?? "viewer") as "viewer",
        password: String(form.get("password") ?? ""),
      });
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        toast.error(result.error);
        return;
      }
      toast.success(`User ${result.data.email} created.`);
      router.refresh();
      if (result.data.generatedPassword)
        setCreated({ email: result.data.email, password: result.data.generatedPassword });
      else onOpenChange(false);
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden="true" /> New user
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{created ? "User created" : "New user"}</DialogTitle>
          <DialogDescription>
            {created
              ? `Give ${created.email} this password; they can sign in right away.`
              : "Creates an account that signs in with email and password."}
          </DialogDescription>
        </DialogHeader>
        {created ? (
          <>
            <OneTimeSecret label="Initial password" value={created.password} />
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} className="grid gap-4" noValidate>
            <Field label="Email" required error={fieldErrors.email}>
              <Input name="email" type="email" autoComplete="off" />
            </Field>
            <Field label="Name" required error={fieldErrors.name}>
              <Input name="name" autoComplete="off" />
            </Field>
            <SelectField
              label="Role"
              required
              error={fieldErrors.role}
              name="role"
              defaultValue="viewer"
              options={ROLE_OPTIONS}
            />
            <Field
              label="Initial password"
              description="Leave empty to generate a strong one, shown once."
              error={fieldErrors.password}
            >
              <Input name="password" type="password" autoComplete="new-password" />
            </Field>
            <DialogFooter>
              <Button type="submit" loading={pending} loadingText="Creating…">
                Create user
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
