import { z } from "zod";

const target = (type: string) => z.object({ type: z.literal(type), id: z.string(), label: z.string().optional() });
const userTarget = target("user");
const roleName = z.string();
// Sessions of the user that the change ended (they end on the user's next request).
const sessionsEnded = z.number().int().min(0).optional();
const tenantTarget = target("tenant");
const runRef = { runId: z.string(), correlationId: z.string() };
// "step", not "stepKey": redaction treats any field name containing "pkey" as a private key.
const stepRef = { ...runRef, step: z.string() };
// Certificates are public; events carry their SHA-256 fingerprints, never key material.
const rotationRef = { ...runRef, rotationId: z.string() };
// A single-tenant deployment's registered tenant follows the Configuration Server tenant that holds its object.
const renamedTenant = z.object({ id: z.string(), from: z.string(), to: z.string() });
const rotationStage = z.enum([
  "generate",
  "add-certificate",
  "update-transaction-object",
  "smoke-test",
  "remove-old-certificate",
]);

/** One schema per event type; an event that does not match its schema is a programming error and is refused. */
export const auditEventSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("auth.sign_in"),
    outcome: z.enum(["success", "failure"]),
    target: userTarget.optional(),
    details: z.object({
      email: z.string(),
      method: z.enum(["password", "oidc"]),
      reason: z
        .enum(["bad_credentials", "throttled", "in_progress", "inactive", "unknown_role", "no_role_claim"])
        .optional(),
      /** Attempts refused while the account or address was locked since the last row, counted instead of written. */
      throttledAttemptsNotRecorded: z.number().int().min(1).optional(),
    }),
  }),
  z.object({
    action: z.literal("auth.sign_out"),
    outcome: z.literal("success"),
    target: userTarget,
    details: z.object({}),
  }),
  z.object({
    action: z.literal("user.create"),
    outcome: z.literal("success"),
    target: userTarget,
    details: z.object({
      email: z.string(),
      name: z.string(),
      role: roleName,
      source: z.enum(["admin", "first-run", "oidc"]),
    }),
  }),
  z.object({
    action: z.literal("user.update"),
    outcome: z.literal("success"),
    target: userTarget,
    details: z.object({
      changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
      sessionsEnded,
    }),
  }),
  z.object({
    action: z.literal("user.deactivate"),
    outcome: z.literal("success"),
    target: userTarget,
    details: z.object({ sessionsEnded }),
  }),
  z.object({
    action: z.literal("api_token.create"),
    outcome: z.literal("success"),
    target: target("api_token"),
    details: z.object({ userId: z.string(), email: z.string(), name: z.string(), expiresAt: z.string().nullable() }),
  }),
  z.object({
    action: z.literal("api_token.use_new_address"),
    outcome: z.literal("success"),
    target: target("api_token"),
    details: z.object({ previousAddress: z.string().nullable() }),
  }),
  z.object({
    action: z.literal("api_token.revoke"),
    outcome: z.literal("success"),
    target: target("api_token"),
    details: z.object({ userId: z.string(), email: z.string(), name: z.string() }),
  }),
  z.object({
    action: z.literal("user.activate"),
    outcome: z.literal("success"),
    target: userTarget,
    details: z.object({}),
  }),
  z.object({
    action: z.literal("user.reset_password"),
    outcome: z.literal("success"),
    target: userTarget,
    details: z.object({ sessionsEnded }),
  }),
  z.object({
    action: z.literal("user.end_sessions"),
    outcome: z.literal("success"),
    target: userTarget,
    details: z.object({ sessionsEnded: z.number().int().min(0) }),
  }),
  z.object({
    action: z.literal("auth.reauthenticate"),
    outcome: z.enum(["success", "failure"]),
    target: userTarget,
    details: z.object({}),
  }),
  z.object({
    action: z.literal("secret.reveal"),
    outcome: z.enum(["success", "failure"]),
    target: z.object({ type: z.string(), id: z.string(), label: z.string().optional() }),
    details: z.object({ purpose: z.string(), step: z.string().optional(), reason: z.string().optional() }),
  }),
  z.object({
    action: z.literal("key.rotate"),
    outcome: z.literal("success"),
    target: target("encryption-key"),
    details: z.object({ keyVersion: z.number(), resealed: z.number(), alreadyCurrent: z.number() }),
  }),
  z.object({
    action: z.literal("backup.create"),
    outcome: z.literal("success"),
    target: target("backup"),
    details: z.object({
      directory: z.string(),
      tables: z.number().int(),
      rows: z.number().int(),
      migration: z.string().nullable(),
      auditHead: z.string().nullable(),
      keySource: z.enum(["file", "environment"]),
    }),
  }),
  z.object({
    action: z.literal("backup.restore"),
    outcome: z.enum(["success", "failure"]),
    target: target("backup"),
    details: z.object({
      directory: z.string(),
      createdAt: z.string(),
      productVersion: z.string(),
      tables: z.number().int(),
      rows: z.number().int(),
      migration: z.string().nullable(),
      /** The restored audit chain as verified before this record was added to it. */
      chain: z.object({ ok: z.boolean(), checked: z.number().int(), firstBroken: z.string().optional() }),
    }),
  }),
  z.object({
    action: z.literal("deployment.create"),
    outcome: z.literal("success"),
    target: target("deployment"),
    details: z.object({
      name: z.string(),
      layout: z.string(),
      gaxBaseUrl: z.string(),
      gaxUsername: z.string(),
      objectTenant: z.string().optional(),
      /** What GAX said when the provisioner signed in before saving; savedAnyway: the operator saved despite a refusal. */
      connection: z.object({ ok: z.boolean(), message: z.string(), savedAnyway: z.boolean() }).optional(),
    }),
  }),
  z.object({
    action: z.literal("deployment.update"),
    outcome: z.literal("success"),
    target: target("deployment"),
    details: z.object({
      changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
      renamedTenant: renamedTenant.optional(),
      /** Purposes of the sealed values replaced (the GAX password's), never a value. */
      resealed: z.array(z.string()).optional(),
      connection: z.object({ ok: z.boolean(), message: z.string(), savedAnyway: z.boolean() }).optional(),
    }),
  }),
  z.object({
    action: z.literal("deployment.detect_object_tenant"),
    outcome: z.enum(["success", "failure"]),
    target: target("deployment"),
    details: z.object({
      objectTenant: z.string(),
      found: z.string().nullable(),
      problem: z.string().nullable(),
      renamedTenant: renamedTenant.optional(),
    }),
  }),
  z.object({
    // Tenant discovery: what GAX lists against what is registered; a failure says why GAX could not be asked.
    action: z.literal("deployment.discover"),
    outcome: z.enum(["success", "failure"]),
    target: target("deployment"),
    details: z.object({
      counts: z
        .object({
          listed: z.number().int().min(0),
          unregistered: z.number().int().min(0),
          present: z.number().int().min(0),
          absent: z.number().int().min(0),
        })
        .optional(),
      absent: z.array(z.string()).optional(),
      problem: z.string().optional(),
    }),
  }),
  z.object({
    action: z.literal("deployment.test_connection"),
    outcome: z.enum(["success", "failure"]),
    target: target("deployment"),
    details: z.object({ gaxBaseUrl: z.string(), gaxUsername: z.string(), message: z.string() }),
  }),
  z.object({
    // Kept with the audit history: the deployment's own rows go, its events stay.
    action: z.literal("deployment.delete"),
    outcome: z.literal("success"),
    target: target("deployment"),
    details: z.object({ name: z.string(), gaxBaseUrl: z.string() }),
  }),
  z.object({
    action: z.literal("tenant.update"),
    outcome: z.literal("success"),
    target: tenantTarget,
    details: z.object({
      changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
      /** Purposes of the sealed values replaced (the bootstrap client's), never a value. */
      resealed: z.array(z.string()),
    }),
  }),
  z.object({
    action: z.literal("tenant.delete"),
    outcome: z.literal("success"),
    target: tenantTarget,
    details: z.object({ deploymentId: z.string(), cfgTenantName: z.string(), runs: z.number().int().min(0) }),
  }),
  z.object({
    action: z.literal("tenant.create"),
    outcome: z.literal("success"),
    target: tenantTarget,
    details: z.object({
      deploymentId: z.string(),
      cfgTenantName: z.string(),
      region: z.string().nullable(),
      services: z.array(z.string()),
    }),
  }),
  z.object({
    action: z.literal("run.queue"),
    outcome: z.literal("success"),
    target: tenantTarget,
    details: z.object({ ...runRef, mode: z.enum(["plan", "apply", "verify"]), step: z.string().nullable() }),
  }),
  z.object({
    action: z.literal("run.cancel"),
    outcome: z.literal("success"),
    target: tenantTarget,
    /** wasStatus queued: cancelled at once; running: it stops at its next step boundary. */
    details: z.object({
      ...runRef,
      mode: z.enum(["plan", "apply", "verify"]),
      wasStatus: z.enum(["queued", "running"]),
    }),
  }),
  z.object({
    action: z.literal("run.start"),
    outcome: z.literal("success"),
    target: tenantTarget,
    details: z.object({ ...runRef, mode: z.enum(["plan", "apply", "verify"]), step: z.string().nullable() }),
  }),
  z.object({
    action: z.literal("run.finish"),
    outcome: z.enum(["success", "failure"]),
    target: tenantTarget,
    details: z.object({
      ...runRef,
      mode: z.enum(["plan", "apply", "verify"]),
      status: z.string(),
      steps: z.record(z.string(), z.string()),
      errorCode: z.string().optional(),
    }),
  }),
  z.object({
    action: z.literal("step.start"),
    outcome: z.literal("success"),
    target: tenantTarget,
    details: z.object(stepRef),
  }),
  z.object({
    action: z.literal("step.succeed"),
    outcome: z.literal("success"),
    target: tenantTarget,
    details: z.object({
      ...stepRef,
      result: z.string(),
      apiCorrelationIds: z.array(z.string()),
      changes: z.array(z.string()),
    }),
  }),
  z.object({
    action: z.literal("step.fail"),
    outcome: z.literal("failure"),
    target: tenantTarget,
    details: z.object({
      ...stepRef,
      errorCode: z.string(),
      message: z.string(),
      apiCorrelationIds: z.array(z.string()),
    }),
  }),
  z.object({
    // Not an error: the step waits for something only the operator can give; "failure" because it did not take effect.
    action: z.literal("step.needs_input"),
    outcome: z.literal("failure"),
    target: tenantTarget,
    details: z.object({ ...stepRef, input: z.string(), message: z.string() }),
  }),
  z.object({
    action: z.literal("step.manual_complete"),
    outcome: z.literal("success"),
    target: tenantTarget,
    details: z.object({ step: z.string(), fields: z.array(z.string()), sealedPurposes: z.array(z.string()) }),
  }),
  z.object({
    action: z.literal("certificate_rotation.start"),
    outcome: z.literal("success"),
    target: tenantTarget,
    details: z.object({
      ...rotationRef,
      resumed: z.boolean(),
      stage: rotationStage,
      oldFingerprint: z.string(),
      newFingerprint: z.string().nullable(),
    }),
  }),
  z.object({
    action: z.literal("certificate_rotation.stage"),
    outcome: z.literal("success"),
    target: tenantTarget,
    details: z.object({
      ...rotationRef,
      stage: rotationStage,
      result: z.enum(["changed", "unchanged", "checked"]),
      changes: z.array(z.string()),
      apiCorrelationIds: z.array(z.string()),
      newFingerprint: z.string().optional(),
    }),
  }),
  z.object({
    action: z.literal("certificate_rotation.succeed"),
    outcome: z.literal("success"),
    target: tenantTarget,
    details: z.object({
      ...rotationRef,
      oldFingerprint: z.string(),
      newFingerprint: z.string(),
      newNotAfter: z.string(),
    }),
  }),
  z.object({
    action: z.literal("certificate_rotation.fail"),
    outcome: z.literal("failure"),
    target: tenantTarget,
    details: z.object({
      ...rotationRef,
      stage: rotationStage,
      errorCode: z.string(),
      message: z.string(),
      apiCorrelationIds: z.array(z.string()),
    }),
  }),
  z.object({
    action: z.literal("secret.regenerate"),
    outcome: z.literal("success"),
    target: tenantTarget,
    details: z.object({
      ...stepRef,
      objectKind: z.string(),
      objectId: z.string(),
      purpose: z.string(),
      reason: z.string(),
    }),
  }),
  z.object({
    action: z.literal("tenant.diagnose"),
    outcome: z.enum(["success", "failure"]),
    target: tenantTarget,
    details: z.object({
      missingPermissions: z.array(z.string()),
      missingRoles: z.array(z.string()),
      reason: z.string().optional(),
    }),
  }),
  z.object({
    action: z.literal("notification_endpoint.create"),
    outcome: z.literal("success"),
    target: target("notification_endpoint"),
    details: z.object({ kind: z.string(), eventTypes: z.array(z.string()), enabled: z.boolean() }),
  }),
  z.object({
    action: z.literal("notification_endpoint.update"),
    outcome: z.literal("success"),
    target: target("notification_endpoint"),
    details: z.object({ changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })) }),
  }),
  z.object({
    action: z.literal("notification_endpoint.delete"),
    outcome: z.literal("success"),
    target: target("notification_endpoint"),
    details: z.object({ kind: z.string() }),
  }),
  z.object({
    action: z.literal("notification_endpoint.test"),
    outcome: z.literal("success"),
    target: target("notification_endpoint"),
    details: z.object({ deliveryId: z.string() }),
  }),
  z.object({
    action: z.literal("secret.prepare"),
    outcome: z.literal("success"),
    target: tenantTarget,
    details: z.object({ purpose: z.string(), bits: z.number() }),
  }),
]);

export type AuditEventInput = z.input<typeof auditEventSchema>;
export type AuditAction = AuditEventInput["action"];
export const auditActions = auditEventSchema.options.map((option) => option.shape.action.value) as AuditAction[];
