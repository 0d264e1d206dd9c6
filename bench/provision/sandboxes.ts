// Both sandboxes in a child process of the benchmark, as stand-ins for the remote Genesys Cloud and GAX: their
// request handling (SAML verification, ACL evaluation) then does not run on the provisioner's event loop.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startGenesysCloudSandbox } from "@/sandbox/genesys-cloud";
import { startGaxSandbox } from "@/sandbox/gax";
import { gaxSeedWithTenants, genesysSeedWithOrgs, type BenchOrg } from "./seeds";

interface SandboxSettings {
  tenants: number;
  rateLimitPerMinute: number;
  genesysLatency: { latencyMs: number; jitterMs: number };
  gaxLatencyMs: number;
}

interface RemoteSandboxes {
  genesysUrl: string;
  gaxUrl: string;
  gaxMultiUrl: string;
  orgs: BenchOrg[];
  /** CPU seconds the sandbox process has used so far. */
  cpuSeconds(): Promise<number>;
  close(): Promise<void>;
}

type Ready = { kind: "ready"; genesysUrl: string; gaxUrl: string; gaxMultiUrl: string; orgs: BenchOrg[] };
type Reply = Ready | { kind: "cpu"; seconds: number } | { kind: "failed"; message: string };

function nextReply(child: ChildProcess, kind: Reply["kind"]): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: Reply) => {
      if (reply.kind !== kind && reply.kind !== "failed") return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (reply.kind === "failed") reject(new Error(`sandbox process: ${reply.message}`));
      else resolve(reply);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`the sandbox process exited (code ${code}) before answering`));
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

export async function startRemoteSandboxes(settings: SandboxSettings): Promise<RemoteSandboxes> {
  const child = fork(fileURLToPath(import.meta.url), [JSON.stringify(settings)], {
    execArgv: ["--import", "tsx"],
    stdio: "inherit",
  });
  const ready = (await nextReply(child, "ready")) as Ready;
  return {
    genesysUrl: ready.genesysUrl,
    gaxUrl: ready.gaxUrl,
    gaxMultiUrl: ready.gaxMultiUrl,
    orgs: ready.orgs,
    async cpuSeconds() {
      const answer = nextReply(child, "cpu");
      child.send({ kind: "cpu" });
      return ((await answer) as { seconds: number }).seconds;
    },
    async close() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send({ kind: "close" });
      await exited;
    },
  };
}

/** Both sandboxes in this process (their CPU then counts as the provisioner's). */
export async function startLocalSandboxes(settings: SandboxSettings): Promise<RemoteSandboxes> {
  const { seed, orgs } = genesysSeedWithOrgs(settings.tenants);
  const genesys = await startGenesysCloudSandbox({
    port: 0,
    controlEndpoints: true,
    seed,
    rateLimitPerMinute: settings.rateLimitPerMinute,
    faults: { rules: [settings.genesysLatency] },
  });
  const gax = await startGaxSandbox({
    port: 0,
    controlEndpoints: true,
    seed: gaxSeedWithTenants(settings.tenants),
    faults: { latencyMs: settings.gaxLatencyMs },
  });
  return {
    genesysUrl: genesys.url,
    gaxUrl: gax.url,
    gaxMultiUrl: gax.deploymentUrls.multi!,
    orgs,
    cpuSeconds: () => Promise.resolve(0),
    close: async () => {
      await Promise.all([genesys.close(), gax.close()]);
    },
  };
}

async function serve(settings: SandboxSettings): Promise<void> {
  const send = (reply: Reply) => process.send!(reply);
  const sandboxes = await startLocalSandboxes(settings);
  const close = async () => {
    await sandboxes.close();
    process.exit(0);
  };
  process.on("message", (message: { kind: string }) => {
    if (message.kind === "close") void close();
    if (message.kind === "cpu") {
      const used = process.cpuUsage();
      send({ kind: "cpu", seconds: (used.user + used.system) / 1e6 });
    }
  });
  process.on("disconnect", () => void close());
  send({
    kind: "ready",
    genesysUrl: sandboxes.genesysUrl,
    gaxUrl: sandboxes.gaxUrl,
    gaxMultiUrl: sandboxes.gaxMultiUrl,
    orgs: sandboxes.orgs,
  });
}

if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  serve(JSON.parse(process.argv[2] ?? "{}") as SandboxSettings).catch((error: unknown) => {
    process.send!({ kind: "failed", message: error instanceof Error ? error.message : String(error) } satisfies Reply);
    process.exit(1);
  });
}
