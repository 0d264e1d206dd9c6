import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { parseEnv } from "@/lib/config/env";
import { recordAuditEvent } from "@/lib/audit/record";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { oidcProvider, signInWithOidc } from "@/lib/auth/oidc";
import { requestOrigin } from "@/lib/http/client-address";

const sessionHours = 8;

function buildAuthOptions(): NextAuthOptions {
  const env = parseEnv(process.env);
  const secureCookies = (env.NEXTAUTH_URL ?? "").startsWith("https://");
  return {
    secret: env.NEXTAUTH_SECRET,
    useSecureCookies: secureCookies,
    session: { strategy: "jwt", maxAge: sessionHours * 3600 },
    jwt: { maxAge: sessionHours * 3600 },
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
        // Only the user's id travels in the token; role and status are read from the database on every request.
        if (account?.provider === "oidc" && token.email) {
          const dbUser = await getDb().user.findUnique({ where: { email: token.email.toLowerCase() }, select: { id: true } });
          if (dbUser) token.uid = dbUser.id;
        } else if (user) {
          token.uid = user.id;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, userId: typeof token.uid === "string" ? token.uid : undefined };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.uid !== "string") return;
        const db = getDb();
        const user = await db.user.findUnique({ where: { id: token.uid }, select: { id: true, email: true, role: true } });
        if (!user) return;
        const { headers } = await import("next/headers");
        const origin = requestOrigin(await headers());
        await db.$transaction((tx) =>
          recordAuditEvent(tx, { actor: { id: user.id, email: user.email, role: user.role }, ...origin }, {
            action: "auth.sign_out",
            outcome: "success",
            target: { type: "user", id: user.id, label: user.email },
            details: {},
          }),
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
