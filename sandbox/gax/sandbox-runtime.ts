import { buildDeploymentState, type DeploymentState } from "./deployment-state";
import { FaultInjector, faultConfigSchema } from "./faults";
import type { ParsedGaxSeed } from "./seed-schema";

export interface RequestLogEntry {
  seq: number;
  deployment: string;
  method: string;
  path: string;
  outcome: number | "dropped";
}

const REQUEST_LOG_LIMIT = 2000;

/** Everything one sandbox process holds: the deployments built from the seed, faults, and a request log. */
export class SandboxRuntime {
  deployments = new Map<string, DeploymentState>();
  readonly faults = new FaultInjector();
  requestLog: RequestLogEntry[] = [];
  private seq = 0;

  constructor(private readonly seed: ParsedGaxSeed) {
    this.reset();
  }

  get defaultDeployment(): string {
    return this.seed.defaultDeployment ?? this.seed.deployments[0]?.name ?? "";
  }

  reset() {
    this.deployments = new Map(
      this.seed.deployments.map((deployment) => [deployment.name, buildDeploymentState(deployment)]),
    );
    this.faults.configure(faultConfigSchema.parse({}));
    this.requestLog = [];
    this.seq = 0;
  }

  expireAllSessions() {
    for (const deployment of this.deployments.values()) deployment.sessions.clear();
  }

  log(entry: Omit<RequestLogEntry, "seq">): RequestLogEntry {
    const logged = { seq: ++this.seq, ...entry };
    this.requestLog.push(logged);
    if (this.requestLog.length > REQUEST_LOG_LIMIT) this.requestLog.shift();
    return logged;
  }

  /** A read-only view for tests and demos: objects, ACL entries, session counts; passwords are never included. */
  snapshot() {
    return {
      defaultDeployment: this.defaultDeployment,
      deployments: [...this.deployments.values()].map((deployment) => ({
        name: deployment.name,
        layout: deployment.layout,
        passwordMode: deployment.passwordMode,
        basePath: `/${deployment.name}/gax/api`,
        objects: Object.fromEntries(
          Object.entries(deployment.objects).map(([type, objects]) => [type, [...objects.values()]]),
        ),
        acl: deployment.acl,
        openSessions: deployment.sessions.size,
      })),
      faults: this.faults.describe(),
      requests: this.requestLog,
    };
  }
}
