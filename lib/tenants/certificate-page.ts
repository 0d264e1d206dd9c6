import type { DbTx } from "@/lib/db/client";
import type { CertificateRotation } from "@/lib/generated/prisma/client";
import { certificateDetails } from "@/lib/saml/details";
import { CERTIFICATE_WARNING_DAYS, certificateExpiry } from "./overview-certificate";
import {
  keyMaterialOutputsSchema,
  ROTATION_STAGES,
  ROTATION_STEP_KEY,
  rotationStageInfo,
  SAML_KEY_MATERIAL,
  stageIndex,
  type RotationPosition,
  type RotationStage,
  type StageRecords,
} from "@/lib/provisioning";

export type StageStatus = "succeeded" | "failed" | "running" | "pending" | "not-run";

export interface RotationStageView {
  stage: RotationStage;
  title: string;
  status: StageStatus;
  changes: string[];
  operatorMessage: string | null;
  finishedAt: string | null;
}

export interface RotationView {
  id: string;
  status: string;
  stage: RotationPosition;
  stages: RotationStageView[];
  oldFingerprint: string;
  newFingerprint: string | null;
  newNotAfter: string | null;
  requestedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  errorCode: string | null;
  operatorMessage: string | null;
}

export interface CertificateView {
  sha256Fingerprint: string;
  subject: string;
  notAfter: string;
  daysLeft: number;
  expired: boolean;
  /** Under CERTIFICATE_WARNING_DAYS left: time to rotate. */
  expiringSoon: boolean;
}

/** The tenant's certificate page as JSON-safe data (no key material): what is in use, and every rotation. */
export interface CertificatePageData {
  tenant: { id: string; cfgTenantName: string; deploymentName: string; orgShortName: string | null };
  certificate: CertificateView | null;
  /** A rotation holds the tenant's run lease right now. */
  rotating: boolean;
  /** Another run (plan, apply, verify) holds the lease: a rotation would wait. */
  otherRunActive: boolean;
  rotations: RotationView[];
  warningDays: number;
}

function stageStatus(rotation: CertificateRotation, stage: RotationStage, records: StageRecords): StageStatus {
  const position = stageIndex(rotation.stage as RotationPosition);
  const index = ROTATION_STAGES.indexOf(stage);
  if (index < position) return "succeeded";
  if (index === position && rotation.status === "running") return "running";
  if (index === position && rotation.status === "failed") return "failed";
  if (rotation.status === "superseded") return records[stage]?.status === "failed" ? "failed" : "not-run";
  return "pending";
}

function rotationView(rotation: CertificateRotation, liveRunIds: Set<string>): RotationView {
  const records = (rotation.stages ?? {}) as StageRecords;
  // A rotation whose process died still says "running" until the next request takes it over: show it as stopped.
  const status =
    rotation.status === "running" && !(rotation.runId && liveRunIds.has(rotation.runId)) ? "failed" : rotation.status;
  const shown = { ...rotation, status };
  return {
    id: rotation.id,
    status,
    stage: rotation.stage as RotationPosition,
    stages: ROTATION_STAGES.map((stage) => ({
      stage,
      title: rotationStageInfo[stage].title,
      status: stageStatus(shown, stage, records),
      changes: records[stage]?.changes ?? [],
      operatorMessage: records[stage]?.operatorMessage ?? null,
      finishedAt: records[stage]?.finishedAt ?? null,
    })),
    oldFingerprint: rotation.oldFingerprint,
    newFingerprint: rotation.newFingerprint,
    newNotAfter: rotation.newNotAfter?.toISOString() ?? null,
    requestedBy: rotation.requestedBy,
    startedAt: rotation.startedAt.toISOString(),
    finishedAt: rotation.finishedAt?.toISOString() ?? null,
    errorCode: rotation.errorCode,
    operatorMessage:
      status !== rotation.status
        ? "The process running this rotation stopped. Rotate again to resume it."
        : rotation.operatorMessage,
  };
}

function certificateView(outputs: unknown, now: Date): CertificateView | null {
  const material = keyMaterialOutputsSchema.safeParse(outputs).data;
  if (!material) return null;
  const details = certificateDetails(material.certificatePem, now);
  const expiry = certificateExpiry(details.notAfter, now);
  return {
    sha256Fingerprint: details.sha256Fingerprint,
    subject: details.subject,
    notAfter: details.notAfter.toISOString(),
    daysLeft: details.daysToExpiry,
    expired: expiry.state === "expired",
    expiringSoon: expiry.state === "expiring",
  };
}

export async function loadCertificatePage(
  db: DbTx,
  tenantId: string,
  now = new Date(),
): Promise<CertificatePageData | null> {
  const tenant = await db.tenant.findUnique({
    where: { id: tenantId },
    select: {
      id: true,
      cfgTenantName: true,
      orgShortName: true,
      deployment: { select: { name: true } },
      stepStates: { where: { stepKey: SAML_KEY_MATERIAL, status: "done" }, select: { outputs: true } },
      certificateRotations: { orderBy: { startedAt: "desc" }, take: 20 },
      runs: { where: { status: "running", leaseExpiresAt: { gt: now } }, select: { id: true, stepKey: true } },
    },
  });
  if (!tenant) return null;
  const liveRunIds = new Set(tenant.runs.map((run) => run.id));
  return {
    tenant: {
      id: tenant.id,
      cfgTenantName: tenant.cfgTenantName,
      deploymentName: tenant.deployment.name,
      orgShortName: tenant.orgShortName,
    },
    certificate: tenant.stepStates[0] ? certificateView(tenant.stepStates[0].outputs, now) : null,
    rotating: tenant.runs.some((run) => run.stepKey === ROTATION_STEP_KEY),
    otherRunActive: tenant.runs.some((run) => run.stepKey !== ROTATION_STEP_KEY),
    rotations: tenant.certificateRotations.map((rotation) => rotationView(rotation, liveRunIds)),
    warningDays: CERTIFICATE_WARNING_DAYS,
  };
}
