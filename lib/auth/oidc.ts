import type { Provider } from "next-auth/providers/index";
import type { AppEnv } from "@/lib/config/env";
import type { Db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record";
import { parseRoleMap, roleFromClaims } from "@/lib/auth/oidc-roles";

export function oidcProvider(env: AppEnv): Provider {
  return {
    id: "oidc",
    name: env.OIDC_NAME,
    type: "oauth",
    wellKnown: `${env.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile: Record<string, unknown>) {
      return {
        id: String(profile.sub),
        email: String(profile.email ?? ""),
        name: String(profile.name ?? profile.email ?? ""),
      };
    },
  } as Provider;
}

/**
 * Creates or updates the user behind an OIDC sign-in, with the role its claims map to (re-derived at every sign-in).
 * Refuses users without an email, without a mapped role, or deactivated here.
 */
export async function signInWithOidc(db: Db, env: AppEnv, claims: Record<string, unknown>): Promise<boolean> {
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  const role = roleFromClaims(claims, {
    claimName: env.OIDC_ROLE_CLAIM,
    roleMap: parseRoleMap(env.OIDC_ROLE_MAP),
    defaultRole: env.OIDC_DEFAULT_ROLE,
  });
  const name = typeof claims.name === "string" && claims.name ? claims.name : email;
  return db.$transaction(async (tx) => {
    const existing = email
      ? await tx.user.findUnique({ where: { email }, select: { id: true, active: true, role: true } })
      : null;
    const refuse = async (reason: "no_role_claim" | "inactive" | "bad_credentials") => {
      await recordAuditEvent(
        tx,
        { actor: { id: existing?.id ?? null, email, role: existing?.role ?? null } },
        {
          event: {
            action: "auth.sign_in",
            outcome: "failure",
            details: { email, method: "oidc", reason },
          },
        },
      );
      return false;
    };
    if (!email) return refuse("bad_credentials");
    if (!role) return refuse("no_role_claim");
    if (existing && !existing.active) return refuse("inactive");
    const user = existing
      ? await tx.user.update({
          where: { id: existing.id },
          data: { role, name, lastSignInAt: new Date(), failedSignIns: 0 },
        })
      : await tx.user.create({ data: { email, name, role, authProvider: "oidc", lastSignInAt: new Date() } });
    const actor = { id: user.id, email, role };
    if (!existing) {
      await recordAuditEvent(
        tx,
        { actor },
        {
          event: {
            action: "user.create",
            outcome: "success",
            target: { type: "user", id: user.id, label: email },
            details: { email, name, role, source: "oidc" },
          },
        },
      );
    } else if (existing.role !== role) {
      await recordAuditEvent(
        tx,
        { actor },
        {
          event: {
            action: "user.update",
            outcome: "success",
            target: { type: "user", id: user.id, label: email },
            details: { changes: { role: { from: existing.role, to: role } } },
          },
        },
      );
    }
    await recordAuditEvent(
      tx,
      { actor },
      {
        event: {
          action: "auth.sign_in",
          outcome: "success",
          target: { type: "user", id: user.id, label: email },
          details: { email, method: "oidc" },
        },
      },
    );
    return true;
  });
}
