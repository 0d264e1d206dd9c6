import { recordAuditEvent, type AuditContext } from "@/lib/audit/record";
import type { Db, DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { CallRecord } from "@/lib/genesys-cloud";
import { Prisma, type CertificateRotation } from "@/lib/generated/prisma/client";
import { deleteSecret, openSecret, sealSecret } from "@/lib/secrets/store";
import type { Failure } from "../engine/failures";
import { tenantTarget, type RunHandle } from "../engine/run-records";
import { tenantSecretRef } from "../model/secret-refs";
import { apiCorrelationIds } from "../engine/step-records";
import {
  certificateOutputs,
  keyMaterialOutputsSchema,
  keyMaterialSecrets,
  NEXT_SAML_SECRETS,
  SAML_SECRETS,
  type KeyMaterialOutputs,
} from "../steps/saml-key-material";
import type { TenantView } from "../model/tenant-view";
import { isBeforeSwitch, whatToDoAfterFailure, type RotationPosition, type RotationStage } from "./stages";
import { SAML_KEY_MATERIAL } from "../model/step-keys";

export interface StageOutcome {
  result: "changed" | "unchanged" | "checked";
  changes: string[];
}

/** One stage's last result, kept on the rotation for the page's stage list. */
export interface StageRecord {
  status: "succeeded" | "failed";
  finishedAt: string;
  attempts: number;
  changes?: string[];
  errorCode?: string;
  operatorMessage?: string;
}
export type StageRecords = Partial<Record<RotationStage, StageRecord>>;

const keyMaterialWhere = (tenantId: string) => ({ tenantId_stepKey: { tenantId, stepKey: SAML_KEY_MATERIAL } });

/** The tenant's key material as the key-material step stored it; a rotation needs it done. */
export async function currentKeyMaterial(db: DbTx, tenantId: string): Promise<KeyMaterialOutputs> {
  const state = await db.stepState.findUnique({ where: keyMaterialWhere(tenantId) });
  const outputs = state?.status === "done" ? keyMaterialOutputsSchema.safeParse(state.outputs).data : undefined;
  if (!outputs)
    throw new AppError(
      "precondition_failed",
      "This tenant has no SAML key material yet: apply the tenant first, then rotate its certificate.",
    );
  return outputs;
}

const stagesOf = (rotation: CertificateRotation) => (rotation.stages ?? {}) as StageRecords;

function withStage(
  rotation: CertificateRotation,
  stage: RotationStage,
  record: Omit<StageRecord, "attempts" | "finishedAt">,
): Prisma.InputJsonObject {
  const previous = stagesOf(rotation)[stage];
  const next: StageRecord = {
    ...record,
    finishedAt: new Date().toISOString(),
    attempts: (previous?.attempts ?? 0) + 1,
  };
  return { ...stagesOf(rotation), [stage]: next } as unknown as Prisma.InputJsonObject;
}

const rotationRef = (run: RunHandle, rotation: CertificateRotation) => ({
  runId: run.id,
  correlationId: run.correlationId,
  rotationId: rotation.id,
});

/** Whether an unfinished rotation still fits the key material: nothing replaced it outside the rotation. */
function stillApplies(rotation: CertificateRotation, material: KeyMaterialOutputs): boolean {
  if (!isBeforeSwitch(rotation.stage as RotationPosition))
    return material.sha256Fingerprint === rotation.newFingerprint;
  if (material.sha256Fingerprint !== rotation.oldFingerprint) return false;
  return rotation.newFingerprint === null
    ? material.next === undefined
    : material.next?.sha256Fingerprint === rotation.newFingerprint;
}

async function discardNextMaterial(tx: DbTx, tenantId: string, material: KeyMaterialOutputs): Promise<void> {
  for (const purpose of Object.values(NEXT_SAML_SECRETS)) await deleteSecret(tx, tenantSecretRef(tenantId, purpose));
  if (!material.next) return;
  const { next: _next, ...current } = material;
  await tx.stepState.update({ where: keyMaterialWhere(tenantId), data: { outputs: current } });
}

/**
 * Under the run's lease: resumes the tenant's unfinished rotation (running, or failed and resumable), or starts a new
 * one. A rotation whose key material was replaced meanwhile (an apply regenerated it, or a manual import) is marked
 * superseded, its unused new key discarded, and a new rotation starts.
 */
export async function openRotation(
  db: Db,
  audit: AuditContext,
  { tenant, run, requestId }: { tenant: TenantView; run: RunHandle; requestId?: string },
): Promise<{ rotation: CertificateRotation; resumed: boolean }> {
  return db.$transaction(async (tx) => {
    const material = await currentKeyMaterial(tx, tenant.id);
    const unfinished = await tx.certificateRotation.findFirst({
      where: { tenantId: tenant.id, status: { in: ["running", "failed"] } },
      orderBy: { startedAt: "desc" },
    });
    let rotation: CertificateRotation;
    const resumed = unfinished !== null && stillApplies(unfinished, material);
    if (unfinished && resumed) {
      rotation = await tx.certificateRotation.update({
        where: { id: unfinished.id },
        data: { status: "running", runId: run.id, finishedAt: null, requestId: requestId ?? null },
      });
    } else {
      if (unfinished) {
        await tx.certificateRotation.update({
          where: { id: unfinished.id },
          data: {
            status: "superseded",
            finishedAt: new Date(),
            errorCode: "superseded",
            operatorMessage:
              "The SAML key material changed outside this rotation (an apply or a manual import replaced it); a new rotation took over.",
          },
        });
      }
      await discardNextMaterial(tx, tenant.id, material);
      rotation = await tx.certificateRotation.create({
        data: {
          tenantId: tenant.id,
          oldFingerprint: material.sha256Fingerprint,
          oldNotAfter: new Date(material.notAfter),
          requestedById: audit.actor.id,
          requestedBy: audit.actor.email,
          correlationId: run.correlationId,
          runId: run.id,
          requestId: requestId ?? null,
        },
      });
    }
    await recordAuditEvent(tx, audit, {
      event: {
        action: "certificate_rotation.start",
        outcome: "success",
        target: tenantTarget(tenant),
        details: {
          ...rotationRef(run, rotation),
          resumed,
          stage: rotation.stage as RotationStage,
          oldFingerprint: rotation.oldFingerprint,
          newFingerprint: rotation.newFingerprint,
        },
      },
    });
    return { rotation, resumed };
  });
}

type StageWrite = { tenant: TenantView; run: RunHandle; rotation: CertificateRotation; calls: CallRecord[] };

/** Records a finished stage and moves the rotation on, with the audit record, in one transaction (plus `alsoInTx`). */
export async function recordStage(
  db: Db,
  audit: AuditContext,
  write: StageWrite & {
    stage: RotationStage;
    next: RotationPosition;
    outcome: StageOutcome;
    newMaterial?: { fingerprint: string; notAfter: Date };
    alsoInTx?: (tx: DbTx) => Promise<{ knownSecrets: string[] } | void>;
  },
): Promise<CertificateRotation> {
  const { tenant, run, rotation, stage, next, outcome, alsoInTx } = write;
  const correlationIds = apiCorrelationIds(write.calls);
  return db.$transaction(async (tx) => {
    const extra = alsoInTx ? await alsoInTx(tx) : undefined;
    const finished = next === "done";
    const updated = await tx.certificateRotation.update({
      where: { id: rotation.id },
      data: {
        stage: next,
        stages: withStage(rotation, stage, { status: "succeeded", changes: outcome.changes }),
        ...(write.newMaterial
          ? { newFingerprint: write.newMaterial.fingerprint, newNotAfter: write.newMaterial.notAfter }
          : {}),
        ...(finished ? { status: "succeeded", finishedAt: new Date(), errorCode: null, operatorMessage: null } : {}),
      },
    });
    const target = tenantTarget(tenant);
    const details = {
      ...rotationRef(run, rotation),
      stage,
      result: outcome.result,
      changes: outcome.changes,
      apiCorrelationIds: correlationIds,
      ...(write.newMaterial ? { newFingerprint: write.newMaterial.fingerprint } : {}),
    };
    await recordAuditEvent(tx, audit, {
      event: { action: "certificate_rotation.stage", outcome: "success", target, details },
      knownSecrets: extra?.knownSecrets ?? [],
    });
    if (finished) {
      await recordAuditEvent(tx, audit, {
        event: {
          action: "certificate_rotation.succeed",
          outcome: "success",
          target,
          details: {
            ...rotationRef(run, rotation),
            oldFingerprint: rotation.oldFingerprint,
            newFingerprint: rotation.newFingerprint ?? "",
            newNotAfter: rotation.newNotAfter?.toISOString() ?? "",
          },
        },
      });
    }
    return updated;
  });
}

/** Stage "generate": the new key material sealed under the next purposes and shown on the key-material step, with the rotation. */
export async function recordGenerated(
  db: Db,
  audit: AuditContext,
  write: StageWrite & { certificatePem: string; privateKeyPem: string; password: string },
): Promise<CertificateRotation> {
  const next = certificateOutputs(write.certificatePem);
  const secrets = keyMaterialSecrets(write.privateKeyPem, write.password, NEXT_SAML_SECRETS);
  const outcome: StageOutcome = {
    result: "changed",
    changes: [`generated a new SAML key and certificate (SHA-256 ${next.sha256Fingerprint})`],
  };
  const newMaterial = { fingerprint: next.sha256Fingerprint, notAfter: new Date(next.notAfter) };
  return recordStage(db, audit, {
    ...write,
    stage: "generate",
    next: "add-certificate",
    outcome,
    newMaterial,
    alsoInTx: async (tx) => {
      for (const [purpose, value] of Object.entries(secrets))
        await sealSecret(tx, { ref: tenantSecretRef(write.tenant.id, purpose), value });
      const material = await currentKeyMaterial(tx, write.tenant.id);
      await tx.stepState.update({ where: keyMaterialWhere(write.tenant.id), data: { outputs: { ...material, next } } });
      return { knownSecrets: Object.values(secrets) };
    },
  });
}

/**
 * After a green smoke test with the new key: the new material becomes the key-material step's (outputs, sealed
 * secrets and the tenant's certificate expiry) and the old key's secrets are overwritten; the next purposes are emptied.
 */
export async function switchToNewMaterial(tx: DbTx, tenantId: string): Promise<{ knownSecrets: string[] }> {
  const material = await currentKeyMaterial(tx, tenantId);
  if (!material.next)
    throw new AppError(
      "precondition_failed",
      "The new key material is missing from the key-material step; rotate again to start over.",
    );
  const values: string[] = [];
  for (const [name, purpose] of Object.entries(SAML_SECRETS) as [keyof typeof SAML_SECRETS, string][]) {
    const value = await openSecret(tx, tenantSecretRef(tenantId, NEXT_SAML_SECRETS[name]));
    if (value === undefined)
      throw new AppError(
        "precondition_failed",
        `The sealed secret ${NEXT_SAML_SECRETS[name]} is missing; the rotation cannot finish. Rotate again to start over.`,
      );
    await sealSecret(tx, { ref: tenantSecretRef(tenantId, purpose), value });
    await deleteSecret(tx, tenantSecretRef(tenantId, NEXT_SAML_SECRETS[name]));
    values.push(value);
  }
  await tx.stepState.update({
    where: keyMaterialWhere(tenantId),
    data: { outputs: material.next, lastAppliedAt: new Date(), verifyStatus: null, drift: Prisma.DbNull },
  });
  await tx.tenant.update({ where: { id: tenantId }, data: { certificateExpiresAt: new Date(material.next.notAfter) } });
  return { knownSecrets: values };
}

/** A stage failed: the rotation stays resumable at that stage, with what to do, and the failure is audited. */
export async function recordFailure(
  db: Db,
  audit: AuditContext,
  write: StageWrite & { stage: RotationStage; failure: Failure },
): Promise<CertificateRotation> {
  const { tenant, run, rotation, stage, failure } = write;
  const operatorMessage = `${failure.message} ${whatToDoAfterFailure[stage]}`;
  const correlationIds = apiCorrelationIds(write.calls);
  return db.$transaction(async (tx) => {
    const updated = await tx.certificateRotation.update({
      where: { id: rotation.id },
      data: {
        status: "failed",
        finishedAt: new Date(),
        errorCode: failure.code,
        operatorMessage,
        stages: withStage(rotation, stage, { status: "failed", errorCode: failure.code, operatorMessage }),
      },
    });
    await recordAuditEvent(tx, audit, {
      event: {
        action: "certificate_rotation.fail",
        outcome: "failure",
        target: tenantTarget(tenant),
        details: {
          ...rotationRef(run, rotation),
          stage,
          errorCode: failure.code,
          message: operatorMessage,
          apiCorrelationIds: correlationIds,
        },
      },
    });
    return updated;
  });
}
