import type { AuditContext } from "@/lib/audit/record";
import { recordAuditEvent } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { deleteSecret, sealSecret } from "@/lib/secrets/store";
import type { ParsedEndpointInput } from "@/lib/validation/notification-endpoint";
import { endpointSecretRef } from "./endpoint-secret";
import { generateSigningSecret } from "./signature";
import { assertWebhookUrl } from "./webhook-url";

const target = (endpoint: { id: string; name: string }) => ({
  type: "notification_endpoint" as const,
  id: endpoint.id,
  label: endpoint.name,
});

/** A webhook URL as the audit log records it: its origin only, since a path or query may carry a token (Slack's do). */
export const auditedUrl = (url: string | null) => (url ? `${new URL(url).origin}/…` : null);

const fieldsOf = (input: ParsedEndpointInput) => ({
  name: input.name,
  kind: input.kind,
  url: input.kind === "email" ? null : input.url,
  recipients: input.kind === "email" ? input.recipients : [],
  eventTypes: input.eventTypes,
  enabled: input.enabled,
});

async function checked(input: ParsedEndpointInput) {
  if (input.kind !== "email") await assertWebhookUrl(input.url);
  return fieldsOf(input);
}

const nameTaken = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002"
    ? new AppError("conflict", "An endpoint with this name exists: choose another name.", {
        name: ["is taken by another endpoint"],
      })
    : error;

/**
 * A new endpoint, audited. A webhook gets a signing secret, sealed and returned this once (it is never shown again).
 */
export async function createEndpoint(
  db: Db,
  audit: AuditContext,
  input: ParsedEndpointInput,
): Promise<{ id: string; signingSecret?: string }> {
  const fields = await checked(input);
  const signingSecret = input.kind === "webhook" ? generateSigningSecret() : undefined;
  try {
    return await db.$transaction(async (tx) => {
      const endpoint = await tx.notificationEndpoint.create({ data: { ...fields, createdBy: audit.actor.email } });
      if (signingSecret) await sealSecret(tx, { ref: endpointSecretRef(endpoint.id), value: signingSecret });
      await recordAuditEvent(tx, audit, {
        event: {
          action: "notification_endpoint.create",
          outcome: "success",
          target: target(endpoint),
          details: { kind: endpoint.kind, eventTypes: endpoint.eventTypes, enabled: endpoint.enabled },
        },
        knownSecrets: signingSecret ? [signingSecret] : [],
      });
      return { id: endpoint.id, signingSecret };
    });
  } catch (error) {
    throw nameTaken(error);
  }
}

/** Changes an endpoint (its kind stays; a webhook keeps its secret), audited with what changed. */
export async function updateEndpoint(
  db: Db,
  audit: AuditContext,
  { id, input }: { id: string; input: ParsedEndpointInput },
): Promise<void> {
  const fields = await checked(input);
  try {
    await db.$transaction(async (tx) => {
      const before = await tx.notificationEndpoint.findUnique({ where: { id } });
      if (!before) throw new AppError("not_found", "This endpoint no longer exists.");
      if (before.kind !== fields.kind)
        throw new AppError("invalid_input", "An endpoint's kind cannot change: create another endpoint.", {
          kind: ["cannot change"],
        });
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of ["name", "url", "recipients", "eventTypes", "enabled"] as const)
        if (JSON.stringify(before[key]) !== JSON.stringify(fields[key]))
          changes[key] =
            key === "url"
              ? { from: auditedUrl(before.url), to: auditedUrl(fields.url) }
              : { from: before[key], to: fields[key] };
      if (Object.keys(changes).length === 0) return;
      const endpoint = await tx.notificationEndpoint.update({ where: { id }, data: fields });
      await recordAuditEvent(tx, audit, {
        event: {
          action: "notification_endpoint.update",
          outcome: "success",
          target: target(endpoint),
          details: { changes },
        },
      });
    });
  } catch (error) {
    throw nameTaken(error);
  }
}

/** Deletes an endpoint with its deliveries and its sealed secret, audited. */
export async function deleteEndpoint(db: Db, audit: AuditContext, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const endpoint = await tx.notificationEndpoint.findUnique({ where: { id } });
    if (!endpoint) throw new AppError("not_found", "This endpoint no longer exists.");
    await tx.notificationEndpoint.delete({ where: { id } });
    await deleteSecret(tx, endpointSecretRef(id));
    await recordAuditEvent(tx, audit, {
      event: {
        action: "notification_endpoint.delete",
        outcome: "success",
        target: target(endpoint),
        details: { kind: endpoint.kind },
      },
    });
  });
}
