import { httpUrl, lineText, multilineText, secretText } from "@/lib/validation/text";
import { assertAllowedGaxHost, assertOutboundUrl } from "@/lib/http/outbound-policy";
import { DEPLOYMENT_LAYOUTS } from "../model/deployment-layout";
import { z } from "zod";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { sealSecret } from "@/lib/secrets/store";
import { DETECT_OBJECT_TENANT, objectTenantChoiceSchema } from "../model/object-tenant";
import { parseInput } from "../model/parse-input";
import { gaxPasswordRef } from "../model/secret-refs";
import type { GaxConnectionCheck } from "./gax-connection";

/** An http(s) GAX URL without credentials in it. */
export const gaxBaseUrlSchema = httpUrl({ example: "http://gax.example:8080" }).refine(
  (value) => !URL.canParse(value) || (!new URL(value).username && !new URL(value).password),
  "must not contain credentials",
);

export const deploymentInputSchema = z
  .object({
    name: lineText(100),
    layout: z.enum(DEPLOYMENT_LAYOUTS, { error: "must be single-tenant or multi-tenant" }),
    gaxBaseUrl: gaxBaseUrlSchema,
    gaxUsername: lineText(255),
    gaxPassword: secretText(),
    /** The password is the obscured value the GAX web UI sends. */
    gaxPasswordEncrypted: z.boolean().default(false),
    annexSection: lineText(255).default("general"),
    /** Single-tenant: the tenant holding hybrid_integration, Environment or Resources, or detect (what GAX shows). */
    objectTenant: objectTenantChoiceSchema.default(DETECT_OBJECT_TENANT),
    notes: multilineText(4000).default(""),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.layout === "multi-tenant" && input.objectTenant !== DETECT_OBJECT_TENANT) {
      const message = "applies only to a single-tenant deployment (a multi-tenant one keeps an object in each tenant)";
      ctx.addIssue({ code: "custom", path: ["objectTenant"], message });
    }
  });

export type DeploymentInput = z.input<typeof deploymentInputSchema>;

/** The deployment's fields, every problem named at once, and its GAX URL within the outbound policy. */
export async function validateDeploymentInput(input: unknown) {
  const fields = parseInput(deploymentInputSchema, input, "deployment");
  assertAllowedGaxHost(fields.gaxBaseUrl);
  await assertOutboundUrl(fields.gaxBaseUrl, "gaxBaseUrl");
  return fields;
}

/** The columns that keep a connection test as the deployment's health. */
export const connectionColumns = (check: GaxConnectionCheck) => ({
  connectionOk: check.ok,
  connectionMessage: check.message,
  connectionCheckedAt: check.checkedAt,
});

/** What the audit record says of the sign-in before saving. */
export const connectionDetails = (check: GaxConnectionCheck | undefined) =>
  check ? { connection: { ok: check.ok, message: check.message, savedAnyway: !check.ok } } : {};

/**
 * Registers a deployment; its GAX password is sealed in the same transaction. `connection`: the sign-in to GAX made
 * before saving (Test connection), kept as its health. A single-tenant deployment's tenant is detected after
 * (detectObjectTenant), which asks GAX.
 */
export async function createDeployment(
  db: Db,
  context: AuditContext,
  input: DeploymentInput & { connection?: GaxConnectionCheck },
) {
  const { connection, ...given } = input;
  const { gaxPassword, ...fields } = await validateDeploymentInput(given);
  return db.$transaction(async (tx) => {
    if (await tx.deployment.findUnique({ where: { name: fields.name }, select: { id: true } })) {
      throw new AppError("conflict", `A deployment named "${fields.name}" already exists.`, {
        name: ["is already used by another deployment"],
      });
    }
    const deployment = await tx.deployment.create({
      data: { ...fields, ...(connection ? connectionColumns(connection) : {}) },
    });
    await sealSecret(tx, { ref: gaxPasswordRef(deployment.id), value: gaxPassword });
    await recordAuditEvent(tx, context, {
      event: {
        action: "deployment.create",
        outcome: "success",
        target: { type: "deployment", id: deployment.id, label: deployment.name },
        details: {
          name: deployment.name,
          layout: deployment.layout,
          gaxBaseUrl: deployment.gaxBaseUrl,
          gaxUsername: deployment.gaxUsername,
          ...(deployment.layout === "single-tenant" ? { objectTenant: deployment.objectTenant } : {}),
          ...connectionDetails(connection),
        },
      },
      knownSecrets: [gaxPassword],
    });
    return deployment;
  });
}
