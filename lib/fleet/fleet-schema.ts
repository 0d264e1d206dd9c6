import { z } from "zod";
import { deploymentInputSchema, tenantInputSchema } from "@/lib/provisioning";
import { lineText } from "@/lib/validation/text";
import { secretSourceSchema } from "./secret-source";

// The registration schemas' own fields, so a file cannot carry what the dashboard's forms refuse; their cross-field
// rules (region or base URLs, runnable settings, the object tenant) are checked entry by entry with the registration
// schemas themselves (validate-fleet.ts).
const { deploymentId: _deploymentId, bootstrapClientSecret: _secret, ...tenantFields } = tenantInputSchema.shape;
const { gaxPassword: _password, ...deploymentFields } = deploymentInputSchema.shape;

/** A sample agent of the tenant for the isolation check (multi-tenant deployments): GAX username and password. */
export const fleetSampleAgentSchema = z
  .object({
    username: lineText(255),
    password: secretSourceSchema,
    /** The password is the obscured value the GAX web UI sends. */
    passwordIsEncrypted: z.boolean().default(false),
  })
  .strict();

export const fleetTenantSchema = z
  .object({
    ...tenantFields,
    bootstrapClientSecret: secretSourceSchema,
    sampleAgent: fleetSampleAgentSchema.optional(),
  })
  .strict();

export const fleetDeploymentSchema = z
  .object({ ...deploymentFields, gaxPassword: secretSourceSchema, tenants: z.array(fleetTenantSchema).default([]) })
  .strict();

/** A fleet file: deployments and their tenants (docs/fleet.md). */
export const fleetSchema = z
  .object({
    version: z.literal(1, { error: "must be 1" }),
    deployments: z.array(fleetDeploymentSchema),
  })
  .strict();

export type FleetFile = z.output<typeof fleetSchema>;
export type FleetDeployment = z.output<typeof fleetDeploymentSchema>;
export type FleetTenant = z.output<typeof fleetTenantSchema>;
