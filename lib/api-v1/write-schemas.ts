import { z } from "zod";
import { fleetSchema } from "@/lib/fleet/fleet-schema";
import {
  deploymentInputSchema,
  deploymentUpdateSchema,
  tenantInputSchema,
  tenantUpdateSchema,
} from "@/lib/provisioning";
import { lineText, multilineText, secretText } from "@/lib/validation/text";
import { deploymentSchema, tenantDetailSchema } from "./schemas";

// Bodies of the writing operations, made of the registration schemas' own fields (the dashboard's forms and the fleet
// file use the same ones), so a request is refused exactly where a form would be. The domain functions then check
// them again as a whole (cross-field rules, names taken, GAX and the bootstrap client signing in).

/** Secrets are accepted, sealed at once and never sent back. */
const writeOnlySecret = (description: string) => secretText().meta({ writeOnly: true, description });

const saveAnyway = z
  .boolean("must be true or false")
  .optional()
  .describe("Save although GAX refused the sign-in made before saving (as the form's Save anyway)");

export const deploymentCreateBody = z
  .object({
    ...deploymentInputSchema.shape,
    gaxPassword: writeOnlySecret("Write-only: sealed at once, never returned"),
    saveAnyway,
  })
  .strict()
  .meta({ id: "DeploymentCreate" });

const update = deploymentUpdateSchema.shape;
export const deploymentUpdateBody = z
  .object({
    name: lineText(100).optional(),
    gaxBaseUrl: update.gaxBaseUrl.optional(),
    gaxUsername: lineText(255).optional(),
    gaxPassword: writeOnlySecret("Write-only: absent keeps the sealed password").optional(),
    gaxPasswordEncrypted: z.boolean("must be true or false").optional(),
    annexSection: lineText(255).optional(),
    notes: multilineText(4000).optional(),
    saveAnyway,
  })
  .strict()
  .describe("Only the fields given change; the layout and the object tenant have their own controls")
  .meta({ id: "DeploymentUpdate" });

export const deploymentWriteSchema = z
  .object({
    deployment: deploymentSchema,
    connection: z
      .object({ ok: z.boolean(), message: z.string() })
      .nullable()
      .describe("The sign-in to GAX made before saving (null when nothing about reaching GAX changed)"),
  })
  .meta({ id: "DeploymentWrite" });

const tenant = tenantInputSchema.shape;
export const tenantCreateBody = z
  .object({
    ...tenant,
    bootstrapClientSecret: writeOnlySecret("Write-only: sealed at once, never returned"),
  })
  .strict()
  .meta({ id: "TenantCreate" });

export const tenantUpdateBody = z
  .object({
    region: tenant.region,
    loginBaseUrl: tenant.loginBaseUrl,
    apiBaseUrl: tenant.apiBaseUrl,
    bootstrapClientId: tenant.bootstrapClientId.optional(),
    bootstrapClientSecret: writeOnlySecret("Write-only: absent keeps the sealed secret").optional(),
    services: z.array(z.string(), "must be a list of service keys").optional(),
    settings: tenantUpdateSchema.shape.settings,
  })
  .strict()
  .describe(
    "Only the fields given change. region, loginBaseUrl and apiBaseUrl are the org's address as a whole: when any of " +
      "them is given, the ones left out are cleared.",
  )
  .meta({ id: "TenantUpdate" });

export const tenantWriteSchema = z
  .object({
    tenant: tenantDetailSchema,
    warnings: z.array(z.string()).describe("What to know before pairing (org paired elsewhere, tenant not in GAX)"),
  })
  .meta({ id: "TenantWrite" });

export const importQuery = z
  .object({
    dryRun: z
      .enum(["true", "false"], "must be true or false")
      .default("false")
      .transform((value) => value === "true")
      .describe("true: only say what would change"),
  })
  .meta({ id: "ImportQuery" });

export const fleetDocumentSchema = fleetSchema.meta({ id: "FleetFile" });

export const importResultSchema = z
  .object({
    changes: z.array(
      z.object({
        action: z.enum(["create", "update"]),
        target: z.enum(["deployment", "tenant"]),
        label: z.string(),
        fields: z.array(z.string()),
      }),
    ),
    unchanged: z.number().int(),
    applied: z.boolean().describe("false for a dry run, or when nothing differs"),
  })
  .meta({ id: "ImportResult" });

export const rotationQueuedSchema = z
  .object({
    tenantId: z.uuid(),
    status: z.literal("queued"),
    jobId: z
      .string()
      .describe("The queued rotation; its run appears among the tenant's runs (stepKey certificate-rotation)"),
  })
  .meta({ id: "RotationQueued" });

export const emptyBody = z.object({}).strict();
