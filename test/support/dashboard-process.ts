// Test helpers: the dashboard as operators run it (`scripts/start.ts` in its own process, production build), and its
// sign-in and sign-out through next-auth's own endpoints, as a browser does them.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isBuildCurrent, sourceFingerprint } from "@/lib/runtime/build-freshness";
import { projectRoot } from "@/lib/runtime/paths";
import { until } from "@/test/support/until";

const buildLock = join(
  tmpdir(),
  `hp-build-${createHash("sha256").update(projectRoot).digest("hex").slice(0, 12)}.lock`,
);

/**
 * Builds the dashboard when its build is stale, one test file at a time: files that start dashboards run in parallel,
 * and two `next build`s into one .next would break each other. A lock left by a killed run expires after 20 minutes.
 */
async function buildOnce(): Promise<void> {
  await until(
    async () => {
      try {
        mkdirSync(buildLock);
        return true;
      } catch {
        const since = statSync(buildLock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
        if (Date.now() - since > 20 * 60_000) rmSync(buildLock, { recursive: true, force: true });
        return false;
      }
    },
    { timeoutMs: 12 * 60_000, intervalMs: 1000, what: "another test file's build" },
  );
  try {
    if (isBuildCurrent(projectRoot, sourceFingerprint(projectRoot))) return;
    const build = spawn(process.execPath, ["--import", "tsx", "scripts/build.ts"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    const status = await new Promise((resolve) => build.once("exit", resolve));
    if (status !== 0) throw new Error(`the dashboard's build failed (exit ${status})`);
  } finally {
    rmSync(buildLock, { recursive: true, force: true });
  }
}

export type DashboardProcess = { url: string; child: ChildProcess; stop(): Promise<void> };

/** Starts `scripts/start.ts` on `port` with `env` over this process's environment; resolves once /api/health is 200. */
export async function startDashboard({ env, port }: { env: Record<string, string>; port: number }) {
  await buildOnce();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  await until(
    async () => {
      if (child.exitCode !== null) throw new Error(`the dashboard on ${url} exited with ${child.exitCode}`);
      return (await fetch(`${url}/api/health`).catch(() => undefined))?.ok === true;
    },
    { timeoutMs: 3 * 60_000, intervalMs: 1000, what: `the dashboard on ${url}` },
  );
  return { url, child, stop } satisfies DashboardProcess;
}

const cookiesOf = (answer: Response) => answer.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);

async function csrf(baseUrl: string, cookie?: string) {
  const answer = await fetch(`${baseUrl}/api/auth/csrf`, { headers: cookie ? { Cookie: cookie } : {} });
  const { csrfToken } = (await answer.json()) as { csrfToken: string };
  return { csrfToken, cookies: cookiesOf(answer) };
}

/** Signs in through the dashboard's credentials endpoint and returns the session cookie (`name=value`). */
export async function signIn(baseUrl: string, account: { email: string; password: string }): Promise<string> {
  const { csrfToken, cookies } = await csrf(baseUrl);
  const answer = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, ...account, json: "true" }),
  });
  const session = cookiesOf(answer).find((cookie) => cookie.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in refused (${answer.status})`);
  return session;
}

/** Signs out through next-auth's sign-out endpoint, as the dashboard's Sign out button does. */
export async function signOut(baseUrl: string, session: string): Promise<void> {
  const { csrfToken, cookies } = await csrf(baseUrl, session);
  const answer = await fetch(`${baseUrl}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: [session, ...cookies].join("; ") },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
  if (answer.status >= 400) throw new Error(`sign-out refused (${answer.status})`);
}

/** Calls a server action over HTTP as the browser does (`Next-Action` with the id the build gave the export). */
export async function callServerAction(
  baseUrl: string,
  { exportedName, filename, cookie, args }: { exportedName: string; filename: string; cookie: string; args: unknown[] },
): Promise<Response> {
  const { readFileSync } = await import("node:fs");
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const id = Object.entries(manifest.node).find(
    ([, action]) => action.exportedName === exportedName && action.filename === filename,
  )?.[0];
  if (!id) throw new Error(`no server action ${exportedName} of ${filename} in the build`);
  return fetch(`${baseUrl}/`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Next-Action": id,
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      Origin: baseUrl,
      Cookie: cookie,
    },
    body: JSON.stringify(args),
  });
}
