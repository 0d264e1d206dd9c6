// Test helpers: a real sandbox and clients with their own token cache and limiter.
import { rejectionOf } from "@/test/support/rejection";
import {
  startGenesysCloudSandbox,
  type GenesysSandboxOptions,
  type RunningGenesysSandbox,
} from "@/sandbox/genesys-cloud";
import { acmeAuditor, ACME } from "@/sandbox/genesys-cloud/test-support";
import { createGenesysCloudClient, type GenesysCloudClientOptions } from "./client";
import { GenesysCloudError } from "./errors";
import { OrgRateLimiter } from "./rate-limiter";
import { TokenCache } from "./token-cache";

export { ACME, acmeOrg, GLOBEX } from "@/sandbox/genesys-cloud/test-support";

const fastRetry = { baseDelayMs: 5, maxDelayMs: 40 };

export function clientFor(
  sandbox: RunningGenesysSandbox,
  credentials: { clientId: string; clientSecret: string } = ACME,
  options: GenesysCloudClientOptions = {},
) {
  return createGenesysCloudClient({ loginBaseUrl: sandbox.url, apiBaseUrl: sandbox.url }, credentials, {
    tokenCache: new TokenCache(),
    limiter: new OrgRateLimiter({ allowedPerWindow: 60_000, maxConcurrency: 8 }),
    retry: fastRetry,
    ...options,
  });
}

export const auditorClient = (sandbox: RunningGenesysSandbox) => clientFor(sandbox, acmeAuditor);

export function startSandbox(options: GenesysSandboxOptions = {}) {
  return startGenesysCloudSandbox({ port: 0, controlEndpoints: true, ...options });
}

export async function resetSandbox(sandbox: RunningGenesysSandbox): Promise<void> {
  await fetch(`${sandbox.url}/__sandbox/reset`, { method: "POST" });
}

export async function setFaults(sandbox: RunningGenesysSandbox, faults: unknown): Promise<void> {
  const answer = await fetch(`${sandbox.url}/__sandbox/faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(faults),
  });
  if (!answer.ok) throw new Error(`setting faults failed: ${answer.status} ${await answer.text()}`);
}

export async function sandboxRequests(
  sandbox: RunningGenesysSandbox,
): Promise<{ method: string; path: string; status: number | string }[]> {
  return (
    (await (await fetch(`${sandbox.url}/__sandbox/state`)).json()) as {
      requests: { method: string; path: string; status: number | string }[];
    }
  ).requests;
}

/** The GenesysCloudError a call rejects with; fails when the call succeeds. */
export const failureOf = (promise: Promise<unknown>) => rejectionOf(promise, GenesysCloudError);
