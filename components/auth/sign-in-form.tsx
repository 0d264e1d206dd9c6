"use client";

import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

// One message for every refusal, so the page never tells whether an account exists or is locked.
const signInFailedMessage =
  "Sign-in failed. Check your email and password; after several failed attempts, wait a few minutes.";

export function SignInForm({ oidcName }: { oidcName?: string }) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(searchParams.get("error") ? signInFailedMessage : null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      redirect: false,
      email: form.get("email"),
      password: form.get("password"),
    }).catch(() => null);
    if (result?.ok && !result.error) {
      router.replace("/");
      router.refresh();
      return;
    }
    setPending(false);
    setError(signInFailedMessage);
  }

  return (
    <div className="grid gap-4">
      {error ? <Alert variant="error">{error}</Alert> : null}
      <form onSubmit={onSubmit} className="grid gap-4" noValidate>
        <Field label="Email" required>
          <Input name="email" type="email" autoComplete="username" required />
        </Field>
        <Field label="Password" required>
          <Input name="password" type="password" autoComplete="current-password" required />
        </Field>
        <Button type="submit" loading={pending} loadingText="Signing in…">
          Sign in
        </Button>
      </form>
      {oidcName ? (
        <Button variant="secondary" onClick={() => signIn("oidc", { callbackUrl: "/" })}>
          Sign in with {oidcName}
        </Button>
      ) : null}
    </div>
  );
}
