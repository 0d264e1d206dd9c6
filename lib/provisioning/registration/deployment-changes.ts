import { z } from "zod";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record";
import type { GaxSettingsInput } from "@/lib/config-server/gax-settings";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Deployment } from "@/lib/generated/prisma/client";
import { deleteSecret, openSecret, sealSecret } from "@/lib/secrets/store";
import { lineText, multilineText, secretText } from "@/lib/validation/text";
import { parseInput } from "../model/parse-input";
import { gaxPasswordRef } from "../model/secret-refs";
import {
  connectionColumns,
  connectionDetails,
  createDeployment,
  gaxBaseUrlSchema,
  validateDeploymentInput,
  type DeploymentInput,
} from "./deployments";
import { connectionRefusal, testGaxConnection, type GaxConnectionCheck } from "./gax-connection";

const target = (deployment: Deployment) => ({ type: "deployment" as const, id: deployment.id, label: deployment.name });

/** Saving despite GAX refusing the sign-in is the operator's explicit choice, recorded in the audit log. */
type SaveOptions = { saveAnyway?: boolean; gax?: Partial<GaxSettingsInput> };

function refuseUnlessSavingAnyway(check: GaxConnectionCheck, saveAnyway: boolean | undefined) {
  if (!check.ok && !saveAnyway) throw connectionRefusal(check);
}

/**
 * Registers a deployment only once GAX accepted a sign-in with its settings, unless the operator saves anyway; the
 * test's result becomes the deployment's health.
 */
export async function registerDeployment(
  db: Db,
  context: AuditContext,
  { saveAnyway, gax, ...input }: DeploymentInput & SaveOptions,
) {
  const fields = await validateDeploymentInput(input);
  const connection = await testGaxConnection(fields, gax);
  refuseUnlessSavingAnyway(connection, saveAnyway);
  return { deployment: await createDeployment(db, context, { ...input, connection }), connection };
}

async function existingDeployment(db: Db, deploymentId: string) {
  const deployment = await db.deployment.findUnique({ where: { id: deploymentId } });
  if (!deployment) throw new AppError("not_found", "This deployment no longer exists.");
  return deployment;
}

/** Signs in to a registered deployment's GAX with its stored password and keeps the result as its health. */
export async function checkDeploymentConnection(
  db: Db,
  context: AuditContext,
  { deploymentId, gax }: { deploymentId: string; gax?: Partial<GaxSettingsInput> },
): Promise<GaxConnectionCheck> {
  const deployment = await existingDeployment(db, deploymentId);
  const password = await openSecret(db, gaxPasswordRef(deployment.id));
  const check: GaxConnectionCheck = password
    ? await testGaxConnection({ ...deployment, gaxPassword: password }, gax)
    : {
        ok: false,
        field: "gaxPassword",
        message: `The GAX password of deployment "${deployment.name}" is not stored; enter it again (Edit).`,
        checkedAt: new Date(),
      };
  await db.$transaction(async (tx) => {
    await tx.deployment.update({ where: { id: deployment.id }, data: connectionColumns(check) });
    await recordAuditEvent(tx, context, {
      event: {
        action: "deployment.test_connection",
        outcome: check.ok ? "success" : "failure",
        target: target(deployment),
        details: { gaxBaseUrl: deployment.gaxBaseUrl, gaxUsername: deployment.gaxUsername, message: check.message },
      },
      knownSecrets: password ? [password] : [],
    });
  });
  return check;
}

/** What an edit may change; the layout and the tenant of hybrid_integration have their own controls. */
export const deploymentUpdateSchema = z
  .object({
    deploymentId: z.uuid("must be a deployment id"),
    name: lineText(100),
    gaxBaseUrl: gaxBaseUrlSchema,
    gaxUsername: lineText(255),
    /** Write-only: empty or absent keeps the sealed password. */
    gaxPassword: secretText().optional(),
    gaxPasswordEncrypted: z.boolean().default(false),
    annexSection: lineText(255).default("general"),
    notes: multilineText(4000).default(""),
  })
  .strict();

export type DeploymentUpdate = z.input<typeof deploymentUpdateSchema>;

const EDITABLE = ["name", "gaxBaseUrl", "gaxUsername", "gaxPasswordEncrypted", "annexSection", "notes"] as const;

/**
 * Edits a deployment. A change to how GAX is reached (URL, user, password) is signed in with first and refused when
 * GAX does not accept it, unless the operator saves anyway. The password is write-only: never sent back, audited only
 * as replaced.
 */
export async function updateDeployment(
  db: Db,
  context: AuditContext,
  { saveAnyway, gax, ...input }: DeploymentUpdate & SaveOptions,
) {
  const { deploymentId, gaxPassword, ...fields } = parseInput(deploymentUpdateSchema, input, "deployment");
  const before = await existingDeployment(db, deploymentId);
  await validateDeploymentInput({ ...fields, layout: before.layout, gaxPassword: gaxPassword ?? "unchanged" });
  const changed = EDITABLE.filter((field) => before[field] !== fields[field]);
  const reachChanged = gaxPassword !== undefined || changed.some((field) => field.startsWith("gax"));
  let connection: GaxConnectionCheck | undefined;
  if (reachChanged) {
    const password = gaxPassword ?? (await openSecret(db, gaxPasswordRef(deploymentId)));
    if (!password) throw new AppError("invalid_input", "Enter the GAX password.", { gaxPassword: ["is required"] });
    connection = await testGaxConnection({ ...fields, gaxPassword: password }, gax);
    refuseUnlessSavingAnyway(connection, saveAnyway);
  }
  return db.$transaction(async (tx) => {
    if (fields.name !== before.name && (await tx.deployment.findUnique({ where: { name: fields.name } }))) {
      throw new AppError("conflict", `A deployment named "${fields.name}" already exists.`, {
        name: ["is already used by another deployment"],
      });
    }
    const deployment = await tx.deployment.update({
      where: { id: deploymentId },
      data: { ...fields, ...(connection ? connectionColumns(connection) : {}) },
    });
    if (gaxPassword !== undefined) await sealSecret(tx, { ref: gaxPasswordRef(deploymentId), value: gaxPassword });
    const changes = Object.fromEntries(changed.map((field) => [field, { from: before[field], to: fields[field] }]));
    await recordAuditEvent(tx, context, {
      event: {
        action: "deployment.update",
        outcome: "success",
        target: target(deployment),
        details: {
          changes,
          resealed: gaxPassword !== undefined ? [gaxPasswordRef(deploymentId).purpose] : [],
          ...connectionDetails(connection),
        },
      },
      knownSecrets: gaxPassword ? [gaxPassword] : [],
    });
    return { deployment, connection };
  });
}

/**
 * Deletes a deployment without tenants (each tenant is deleted first, which is refused while it has provisioned
 * objects) and its sealed GAX password. Its audit history stays: audit rows reference it by id, not by a key.
 */
export async function deleteDeployment(db: Db, context: AuditContext, { deploymentId }: { deploymentId: string }) {
  return db.$transaction(async (tx) => {
    const deployment = await tx.deployment.findUnique({
      where: { id: deploymentId },
      include: { _count: { select: { tenants: true } } },
    });
    if (!deployment) throw new AppError("not_found", "This deployment no longer exists.");
    const tenants = deployment._count.tenants;
    if (tenants > 0) {
      throw new AppError(
        "precondition_failed",
        `Deployment "${deployment.name}" still has ${tenants} tenant${tenants === 1 ? "" : "s"}: delete ${tenants === 1 ? "it" : "them"} first.`,
      );
    }
    await deleteSecret(tx, gaxPasswordRef(deployment.id));
    await tx.deployment.delete({ where: { id: deployment.id } });
    await recordAuditEvent(tx, context, {
      event: {
        action: "deployment.delete",
        outcome: "success",
        target: target(deployment),
        details: { name: deployment.name, gaxBaseUrl: deployment.gaxBaseUrl },
      },
    });
  });
}
