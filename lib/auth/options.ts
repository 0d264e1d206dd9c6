import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { parseEnv, sessionSettings } from "@/lib/config/env";
import { recordAuditEvent } from "@/lib/audit/record";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { oidcProvider, signInWithOidc } from "@/lib/auth/oidc";
import { endSession, startSession } from "@/lib/auth/sessions";
import { requestOrigin } from "@/lib/http/client-address";

async function currentRequestOrigin() {
  const { headers } = await import("next/headers");
  return requestOrigin(await headers());
}

function buildAuthOptions(): NextAuthOptions {
  const env = parseEnv(process.env);
  const secureCookies = (env.NEXTAUTH_URL ?? "").startsWith("https://");
  const sessions = sessionSettings(env);
  const maxAge = sessions.maxAgeMs / 1000;
  return {
    secret: env.NEXTAUTH_SECRET,
    useSecureCookies: secureCookies,
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const user = await authenticateWithPassword(getDb(), {
            email: String(credentials?.email ?? ""),
            password: String(credentials?.password ?? ""),
            ...requestOrigin(request.headers ?? {}),
          });
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
      ...(env.OIDC_ISSUER ? [oidcProvider(env)] : []),
    ],
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        return signInWithOidc(getDb(), env, (profile ?? {}) as Record<string, unknown>);
      },
      async jwt({ token, user, account }) {
        // The token carries the user's id and a session row's id; role, status and the session's validity are read
        // from the database on every request (lib/auth/session.ts), so ending the row ends the cookie.
        if (!user) return token;
        let uid: string | undefined = user.id;
        if (account?.provider === "oidc" && token.email) {
          const dbUser = await getDb().user.findUnique({
            where: { email: token.email.toLowerCase() },
            select: { id: true },
          });
          uid = dbUser?.id;
        }
        if (!uid) return token;
        token.uid = uid;
        token.sid = await startSession(
          getDb(),
          { userId: uid, ...(await currentRequestOrigin()) },
          { settings: sessions },
        );
        return token;
      },
      async session({ session, token }) {
        return {
          ...session,
          userId: typeof token.uid === "string" ? token.uid : undefined,
          sessionId: typeof token.sid === "string" ? token.sid : undefined,
        };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.uid !== "string") return;
        const db = getDb();
        if (typeof token.sid === "string") await endSession(db, token.sid, { reason: "sign-out" });
        const user = await db.user.findUnique({
          where: { id: token.uid },
          select: { id: true, email: true, role: true },
        });
        if (!user) return;
        const origin = await currentRequestOrigin();
        await db.$transaction((tx) =>
          recordAuditEvent(
            tx,
            { actor: { id: user.id, email: user.email, role: user.role }, ...origin },
            {
              event: {
                action: "auth.sign_out",
                outcome: "success",
                target: { type: "user", id: user.id, label: user.email },
                details: {},
              },
            },
          ),
        );
      },
    },
  };
}

let cached: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}
