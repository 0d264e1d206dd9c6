import { startGaxSandbox, type GaxSandbox, type GaxSandboxOptions } from "./index";
import type { RequestLogEntry } from "./sandbox-runtime";
import type { FaultConfigInput } from "./faults";

/** Helpers for tests that drive a GAX sandbox over HTTP (raw requests, control endpoints). */

interface RawResponse<T = unknown> {
  status: number;
  body: T;
}

async function call<T>(url: string, init: RequestInit = {}): Promise<RawResponse<T>> {
  const response = await fetch(url, { ...init, headers: { "content-type": "application/json", ...init.headers } });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A signed-in GAX session that returns statuses instead of throwing, for asserting Config Server answers. */
export async function rawGaxSession(
  deploymentUrl: string,
  {
    username,
    password,
    isPasswordEncrypted = false,
  }: { username: string; password: string; isPasswordEncrypted?: boolean },
) {
  const api = `${deploymentUrl}/gax/api`;
  const login = await fetch(`${api}/session/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password, isPasswordEncrypted }),
  });
  if (login.status !== 204) throw new Error(`sign-in of ${username} answered ${login.status}`);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const withCookie = (init: RequestInit = {}) => ({ ...init, headers: { cookie } });
  return {
    cookie,
    get: <T = unknown>(path: string) => call<T>(`${api}/${path}`, withCookie()),
    post: <T = unknown>(path: string, body: unknown) =>
      call<T>(`${api}/${path}`, { ...withCookie(), method: "POST", body: JSON.stringify(body) }),
    put: <T = unknown>(path: string, body: unknown) =>
      call<T>(`${api}/${path}`, { ...withCookie(), method: "PUT", body: JSON.stringify(body) }),
    delete: <T = unknown>(path: string) => call<T>(`${api}/${path}`, { ...withCookie(), method: "DELETE" }),
  };
}

export type RawGaxSession = Awaited<ReturnType<typeof rawGaxSession>>;

interface SandboxStateView {
  deployments: { name: string; objects: Record<string, Record<string, unknown>[]>; openSessions: number }[];
  requests: RequestLogEntry[];
}

function sandboxControl(sandbox: GaxSandbox) {
  const control = `${sandbox.url}/__sandbox`;
  return {
    faults: (config: FaultConfigInput) => call(`${control}/faults`, { method: "POST", body: JSON.stringify(config) }),
    state: async () => (await call<SandboxStateView>(`${control}/state`)).body,
    reset: () => call(`${control}/reset`, { method: "POST" }),
    /** Requests that reached the sandbox and could change objects (POST/PUT/DELETE on cfg/objects). */
    async objectWrites(): Promise<RequestLogEntry[]> {
      const { requests } = await this.state();
      return requests.filter((entry) => entry.method !== "GET" && entry.path.startsWith("/cfg/objects"));
    },
    async objects(deployment: string, type: string) {
      const { deployments } = await this.state();
      return deployments.find((candidate) => candidate.name === deployment)?.objects[type] ?? [];
    },
  };
}

export async function startTestSandbox(options: GaxSandboxOptions = {}) {
  const sandbox = await startGaxSandbox({ port: 0, controlEndpoints: true, ...options });
  return { sandbox, control: sandboxControl(sandbox) };
}
