import { AppError } from "@/lib/errors";
import type { CertificateRotation } from "@/lib/generated/prisma/client";
import { generatePassword } from "@/lib/saml/password";
import { openConnections, type Connections } from "../engine/connections";
import type { EngineOptions } from "../engine/engine";
import { describeFailure, type Failure } from "../engine/failures";
import { keepLeaseAlive } from "../engine/lease-heartbeat";
import { DEFAULT_LEASE_MS, extendLease, finishRun, startRun, type RunHandle } from "../engine/run-records";
import type { StepApplyResult } from "../model/step";
import { identityProviderStep } from "../steps/identity-provider";
import { generateOrgKeyMaterial } from "../steps/saml-key-material";
import { smokeTestStep } from "../steps/smoke-test";
import { transactionObjectStep } from "../steps/transaction-object";
import { loadTenantView, type TenantView } from "../model/tenant-view";
import {
  currentKeyMaterial,
  openRotation,
  recordFailure,
  recordGenerated,
  recordStage,
  switchToNewMaterial,
  type StageOutcome,
} from "./records";
import {
  isBeforeSwitch,
  ROTATION_STAGES,
  ROTATION_STEP_KEY,
  rotationStageInfo,
  type RotationPosition,
  type RotationStage,
} from "./stages";
import { rotationStepContext } from "./step-context";

interface RotationHooks {
  /** Called after a stage did its work and before it is recorded: tests simulate a crash or a failure here. */
  afterStageWork?(stage: RotationStage): void | Promise<void>;
}

interface RotationOptions extends EngineOptions {
  rotationHooks?: RotationHooks;
  /** Identifies the request (the queued job's id): once its rotation succeeded, the same request delivered again does nothing. */
  requestId?: string;
}

export interface RotationReport {
  rotationId: string;
  runId: string;
  correlationId: string;
  resumed: boolean;
  status: "succeeded" | "failed";
  stage: RotationPosition;
  oldFingerprint: string;
  newFingerprint: string | null;
  newNotAfter: string | null;
  /** The request had already been carried out (a queued job delivered again): nothing was done. */
  alreadyDone?: true;
  /** The stages this request worked on, in order, with what each did. */
  stages: { stage: RotationStage; status: "succeeded" | "failed"; changes: string[] }[];
  error?: Failure;
}

interface Setting {
  tenant: TenantView;
  run: RunHandle;
  connections: Connections;
  options: RotationOptions;
}

const outcomeOf = (applied: StepApplyResult): StageOutcome => ({
  result: applied.result === "checked" ? "checked" : applied.result === "unchanged" ? "unchanged" : "changed",
  changes: applied.changes,
});

async function nextMaterial(setting: Setting) {
  const next = (await currentKeyMaterial(setting.options.db, setting.tenant.id)).next;
  if (!next)
    throw new AppError(
      "precondition_failed",
      "The new key material is missing from the key-material step; rotate again to start over.",
    );
  return { next };
}

/** The work of one stage against Genesys Cloud and GAX, reusing the catalogue's steps (idempotent: they write only differences). */
async function stageWork(setting: Setting, stage: Exclude<RotationStage, "generate">): Promise<StageOutcome> {
  const { db, propagationWindowMs } = setting.options;
  const context = { db, tenant: setting.tenant, connections: setting.connections, propagationWindowMs };
  switch (stage) {
    // The key-material outputs carry the next certificate, so the provider step wants both certificates now,
    // and only the new one once the new material became the current one.
    case "add-certificate":
    case "remove-old-certificate":
      return outcomeOf(
        await identityProviderStep.apply(await rotationStepContext(context, identityProviderStep, "current")),
      );
    case "update-transaction-object":
      return outcomeOf(
        await transactionObjectStep.apply(
          await rotationStepContext(context, transactionObjectStep, await nextMaterial(setting)),
        ),
      );
    case "smoke-test":
      return outcomeOf(
        await smokeTestStep.apply(await rotationStepContext(context, smokeTestStep, await nextMaterial(setting))),
      );
  }
}

/**
 * The stages this request runs. Before the switch to the new key, the stages that write to Genesys Cloud or GAX are
 * run again up to the recorded one: they only read when their change is in place, and repair it when an apply in the
 * meantime undid it (e.g. put the current key back into the transaction object). New material is generated once.
 */
function stagesToRun(rotation: CertificateRotation): RotationStage[] {
  const stage = rotation.stage as RotationPosition;
  if (stage === "done") return [];
  if (!isBeforeSwitch(stage)) return ["remove-old-certificate"];
  return ROTATION_STAGES.filter((candidate) => (candidate === "generate" ? rotation.newFingerprint === null : true));
}

async function runStage(
  setting: Setting,
  rotation: CertificateRotation,
  stage: RotationStage,
): Promise<{ rotation: CertificateRotation; outcome: StageOutcome }> {
  const { tenant, run, connections, options } = setting;
  const firstCall = connections.calls.length;
  const write = () => ({ tenant, run, rotation, calls: connections.calls.slice(firstCall) });
  if (stage === "generate") {
    const material = await generateOrgKeyMaterial(tenant.org?.shortName ?? tenant.cfgTenantName);
    await options.rotationHooks?.afterStageWork?.(stage);
    const updated = await recordGenerated(options.db, options.audit, {
      ...write(),
      certificatePem: material.certificatePem,
      privateKeyPem: material.privateKeyPem,
      password: generatePassword(),
    });
    return {
      rotation: updated,
      outcome: {
        result: "changed",
        changes: [`generated a new SAML key and certificate (SHA-256 ${updated.newFingerprint})`],
      },
    };
  }
  const outcome = await stageWork(setting, stage);
  await options.rotationHooks?.afterStageWork?.(stage);
  const next = (ROTATION_STAGES[ROTATION_STAGES.indexOf(stage) + 1] ?? "done") as RotationPosition;
  // A stage re-checked on resume moves the rotation no further back than where it stood.
  const position =
    ROTATION_STAGES.indexOf(rotation.stage as RotationStage) > ROTATION_STAGES.indexOf(stage)
      ? (rotation.stage as RotationPosition)
      : next;
  const alsoInTx =
    stage === "smoke-test"
      ? (tx: Parameters<typeof switchToNewMaterial>[0]) => switchToNewMaterial(tx, tenant.id)
      : undefined;
  const updated = await recordStage(options.db, options.audit, {
    ...write(),
    stage,
    next: position,
    outcome,
    alsoInTx,
  });
  return { rotation: updated, outcome };
}

/**
 * Rotates the tenant's SAML signing certificate: new key material, both certificates on the identity provider, the
 * transaction object updated, a smoke test with the new key, then the old certificate removed. Holds the tenant's
 * run lease throughout; a rotation that stopped (failure or crash) resumes from its recorded stage on the next call.
 */
export async function rotateCertificate(tenantId: string, options: RotationOptions): Promise<RotationReport> {
  const { db, audit } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const tenant = await loadTenantView(db, tenantId);
  await currentKeyMaterial(db, tenant.id);
  if (!tenant.org)
    throw new AppError(
      "precondition_failed",
      "This tenant's org is not connected yet: apply the tenant first, then rotate its certificate.",
    );
  if (options.requestId) {
    const done = await db.certificateRotation.findFirst({
      where: { tenantId: tenant.id, requestId: options.requestId, status: "succeeded" },
    });
    if (done)
      return {
        ...reportOf(done, done.runId ?? "", done.correlationId),
        resumed: false,
        status: "succeeded",
        alreadyDone: true,
        stages: [],
      };
  }
  const run = await startRun(db, audit, { tenant, mode: "apply", stepKey: ROTATION_STEP_KEY, leaseMs });
  const heartbeat = keepLeaseAlive(db, { runId: run.id, leaseMs });
  try {
    return await rotateHolding({ tenant, run, options });
  } finally {
    await heartbeat.stop();
  }
}

/** The rotation once its run holds the tenant's lease: its stages from where the records say, then the run's end. */
async function rotateHolding({
  tenant,
  run,
  options,
}: {
  tenant: TenantView;
  run: RunHandle;
  options: RotationOptions;
}): Promise<RotationReport> {
  const { db, audit } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const connections = openConnections(db, tenant, options);
  const setting: Setting = { tenant, run, connections, options };
  const worked: RotationReport["stages"] = [];
  let rotation: CertificateRotation | undefined;
  let resumed = false;
  let current: RotationStage | undefined;
  let failure: Failure | undefined;
  try {
    await connections.prepare();
    ({ rotation, resumed } = await openRotation(db, audit, { tenant, run, requestId: options.requestId }));
    for (const stage of stagesToRun(rotation)) {
      current = stage;
      const done = await runStage(setting, rotation, stage);
      rotation = done.rotation;
      worked.push({ stage, status: "succeeded", changes: done.outcome.changes });
      await extendLease(db, run, leaseMs);
    }
  } catch (error) {
    failure = describeFailure(
      error,
      current ? `Certificate rotation: ${rotationStageInfo[current].title}` : "Certificate rotation",
      run.correlationId,
    );
    if (rotation && current) {
      rotation = await recordFailure(db, audit, {
        tenant,
        run,
        rotation,
        calls: connections.calls,
        stage: current,
        failure,
      });
      worked.push({ stage: current, status: "failed", changes: [] });
      failure = { code: failure.code, message: rotation.operatorMessage ?? failure.message };
    }
  } finally {
    await connections.close();
  }
  const status = failure ? "failed" : "succeeded";
  const steps = Object.fromEntries(worked.map((entry) => [entry.stage, entry.status]));
  await finishRun(db, audit, {
    tenant,
    run,
    outcome: { status, steps, errorCode: failure?.code, operatorMessage: failure?.message },
  });
  return {
    ...reportOf(rotation, run.id, run.correlationId),
    resumed,
    status,
    stages: worked,
    ...(failure ? { error: failure } : {}),
  };
}

function reportOf(rotation: CertificateRotation | undefined, runId: string, correlationId: string) {
  return {
    rotationId: rotation?.id ?? "",
    runId,
    correlationId,
    stage: (rotation?.stage ?? "generate") as RotationPosition,
    oldFingerprint: rotation?.oldFingerprint ?? "",
    newFingerprint: rotation?.newFingerprint ?? null,
    newNotAfter: rotation?.newNotAfter?.toISOString() ?? null,
  };
}
