import { openSecret } from "@/lib/secrets/store";
import { applicableStepRefs, unmetDependencies, type AnyStep } from "../catalogue";
import { openConnections, type Connections } from "./connections";
import type { EngineOptions } from "./engine-types";
import { keepLeaseAlive, type LeaseHeartbeat } from "./lease-heartbeat";
import { startRunReading, type RunHandle, type RunStart } from "./run-records";
import { tenantSecretRef } from "../model/secret-refs";
import { DEFAULT_PROPAGATION_WINDOW_MS } from "../model/propagation";
import { lastChangedAt } from "./recent-changes";
import type { PreviousState, StepContext, StepOutputs } from "../model/step";
import { readStepStates, type StepStates } from "./step-states";
import type { TenantView } from "../model/tenant-view";

/** What a step of a run works with: the tenant, the run, its connections and what the run keeps in memory. */
export interface StepSetting {
  tenant: TenantView;
  run: RunHandle;
  connections: Connections;
  options: EngineOptions;
  /** Read when the run starts; the run holds the tenant's lease, so only it changes them, and it notes each change. */
  states: StepStates;
  /** Secrets opened during the run, by purpose, and those it sealed. */
  secrets: Map<string, Promise<string | undefined>>;
  lease: LeaseKeeper;
  /** Renews the lease on a timer while the run lasts; stopped when it has ended. */
  heartbeat: LeaseHeartbeat;
}

/** Says when the run's lease is due to be moved on: after a tenth of it has passed, so a slow step cannot lose it. */
export class LeaseKeeper {
  private extendedAt = Date.now();
  constructor(readonly leaseMs: number) {}

  /** The lease to set now, or undefined when the last one is still fresh enough. */
  due(): number | undefined {
    if (Date.now() - this.extendedAt < this.leaseMs / 10) return undefined;
    this.extendedAt = Date.now();
    return this.leaseMs;
  }
}

/** The step's input (from settings and the outputs of done steps), its previous state, and dependencies not done yet. */
export function prepareStep(setting: StepSetting, step: AnyStep) {
  const { tenant } = setting;
  const { done, previousOf } = setting.states;
  const waitingFor = unmetDependencies(step, tenant, done).map((dependency) => dependency.key);
  const rawInput = step.inputFrom({ tenant, outputs: done });
  return { previous: previousOf(step.key), waitingFor, rawInput, ready: step.input.safeParse(rawInput).success };
}

export function contextFor(
  setting: StepSetting,
  { step, input, previous }: { step: AnyStep; input: unknown; previous: PreviousState | null },
): StepContext<unknown> {
  const { tenant, run, connections, options } = setting;
  return {
    input,
    tenant,
    previous,
    genesys: connections.genesys,
    genesysAs: connections.genesysAs,
    bridge: connections.bridge,
    secret(purpose) {
      let opened = setting.secrets.get(purpose);
      if (!opened) {
        opened = openSecret(options.db, tenantSecretRef(tenant.id, purpose));
        setting.secrets.set(purpose, opened);
        // A failed open is not kept: the next caller tries again.
        opened.catch(() => setting.secrets.delete(purpose));
      }
      return opened;
    },
    // One query (a relation select would be two).
    peerStates: () =>
      options.db.$queryRaw<{ tenantName: string; outputs: StepOutputs }[]>`
        SELECT t.cfg_tenant_name AS "tenantName", s.outputs FROM step_states s JOIN tenants t ON t.id = s.tenant_id
        WHERE s.step_key = ${step.key} AND s.status = 'done'
          AND t.deployment_id = ${tenant.deployment.id}::uuid AND t.id <> ${tenant.id}::uuid`,
    async beforeCreate(kind, marker) {
      await options.db.externalIntent.upsert({
        where: { tenantId_kind_marker: { tenantId: tenant.id, kind, marker } },
        create: { tenantId: tenant.id, stepKey: step.key, kind, marker, runId: run.id },
        update: { status: "pending", runId: run.id, attempts: { increment: 1 } },
      });
    },
    async afterCreate(kind, marker, objectId) {
      await options.hooks?.afterExternalCreate?.({ tenantId: tenant.id, stepKey: step.key, kind, marker, objectId });
    },
    applicableSteps: () => applicableStepRefs(tenant),
    propagation: {
      windowMs: options.propagationWindowMs ?? DEFAULT_PROPAGATION_WINDOW_MS,
      lastChangedAt: (stepKeys) => lastChangedAt(options.db, tenant.id, stepKeys),
    },
  };
}

/** Opens the run's connections and its secrets (one query), before its first step. */
export async function prepareRun(setting: StepSetting): Promise<void> {
  await setting.connections.prepare();
  for (const [purpose, value] of setting.connections.tenantSecrets)
    if (!setting.secrets.has(purpose)) setting.secrets.set(purpose, Promise.resolve(value));
}

/** Starts a run (taking the tenant's lease, kept alive from then on) and reads its step states in the same transaction. */
export async function openRun(options: EngineOptions, start: RunStart): Promise<StepSetting> {
  const { tenant, leaseMs } = start;
  const { run, value: states } = await startRunReading(options.db, options.audit, {
    ...start,
    read: (tx) => readStepStates(tx, tenant.id),
  });
  return {
    tenant,
    run,
    connections: openConnections(options.db, tenant, options),
    options,
    states,
    secrets: new Map(),
    lease: new LeaseKeeper(leaseMs),
    heartbeat: keepLeaseAlive(options.db, { runId: run.id, leaseMs }),
  };
}
