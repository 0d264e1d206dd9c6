// Helpers for tests that talk to a real sandbox over HTTP.
import { bootstrapClientOf, defaultGenesysSeed, startGenesysCloudSandbox, type GenesysSandboxOptions, type RunningGenesysSandbox } from "./index";

export const ACME = bootstrapClientOf(defaultGenesysSeed, "acme-eu");
export const GLOBEX = bootstrapClientOf(defaultGenesysSeed, "globex-us");
export const acmeOrg = defaultGenesysSeed.orgs[0]!;
export const acmeAuditor = { clientId: acmeOrg.oauthClients[1]!.id, clientSecret: acmeOrg.oauthClients[1]!.secret };

export async function withSandbox(options: GenesysSandboxOptions = {}): Promise<RunningGenesysSandbox> {
  return startGenesysCloudSandbox({ port: 0, ...options });
}

export function basic(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;
}

export async function postToken(url: string, clientId: string, clientSecret: string, form: Record<string, string>) {
  const response = await fetch(`${url}/oauth/token`, {
    method: "POST",
    headers: { Authorization: basic(clientId, clientSecret), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

export async function tokenFor(url: string, client: { clientId: string; clientSecret: string }): Promise<string> {
  const { status, body } = await postToken(url, client.clientId, client.clientSecret, { grant_type: "client_credentials" });
  if (status !== 200) throw new Error(`token request failed: ${status} ${JSON.stringify(body)}`);
  return body.access_token as string;
}

export async function api(url: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
}
