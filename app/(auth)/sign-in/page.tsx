import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Brand } from "@/components/shell/brand";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCurrentUser } from "@/lib/auth/session";
import { parseEnv } from "@/lib/config/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (await getCurrentUser()) redirect("/");
  const env = parseEnv(process.env);
  return (
    <main className="flex min-h-dvh items-center justify-center bg-muted p-4">
      <div className="w-full max-w-sm rounded-lg border border-border bg-card p-6 shadow-sm">
        <div className="mb-6">
          <Brand />
          <h1 className="mt-4 text-xl font-semibold">Sign in</h1>
          <p className="text-sm text-muted-foreground">Provision and verify Genesys hybrid integrations.</p>
        </div>
        <SignInForm oidcName={env.OIDC_ISSUER ? env.OIDC_NAME : undefined} />
      </div>
    </main>
  );
}
