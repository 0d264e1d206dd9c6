import { httpUrl, lineText, secretText } from "@/lib/validation/text";
import { z } from "zod";
import { findRegion, GENESYS_CLOUD_REGIONS } from "@/lib/genesys-cloud";
import { DEFAULT_SERVICES, isServiceKey, SERVICE_KEYS } from "../model/services";
import { runnableSettings, SettingsError, tenantSettingsSchema } from "../model/settings";

/** Service keys of lib/provisioning/model/services.ts, stored in that list's order. */
const servicesSchema = z
  .array(z.string(), { error: "must be a list of service keys" })
  .refine((keys) => keys.every(isServiceKey), `must list only services from: ${SERVICE_KEYS.join(", ")}`)
  .refine((keys) => new Set(keys).size === keys.length, "must not list a service twice")
  .transform((keys) => SERVICE_KEYS.filter((key) => keys.includes(key)))
  .default([...DEFAULT_SERVICES]);

export const tenantInputSchema = z
  .object({
    deploymentId: z.uuid("must be a deployment id"),
    /** Configuration Server tenant name; a single-tenant deployment uses its one tenant (Environment or Resources). */
    cfgTenantName: lineText(255).optional(),
    region: z
      .string()
      .refine(
        (id) => findRegion(id) !== undefined,
        `must be a Genesys Cloud region id (${GENESYS_CLOUD_REGIONS.map((r) => r.id).join(", ")})`,
      )
      .optional(),
    loginBaseUrl: httpUrl().optional(),
    apiBaseUrl: httpUrl().optional(),
    bootstrapClientId: lineText(255),
    bootstrapClientSecret: secretText(),
    services: servicesSchema,
    settings: tenantSettingsSchema.default(tenantSettingsSchema.parse({})),
  })
  .strict()
  .superRefine(
    (checked, ctx) => {
      const input = asTargetFields(checked);
      if ((input.loginBaseUrl === undefined) !== (input.apiBaseUrl === undefined)) {
        ctx.addIssue({
          code: "custom",
          path: [input.loginBaseUrl === undefined ? "loginBaseUrl" : "apiBaseUrl"],
          message: "must be given together with the other base URL",
        });
      }
      if (input.region === undefined && input.loginBaseUrl === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["region"],
          message: "is required unless the login and API base URLs are given",
        });
      }
      for (const problem of runSettingsProblems(input)) ctx.addIssue({ code: "custom", ...problem });
      // Also when other fields are wrong or missing, so a form learns every problem on its first submit.
    },
    { when: () => true },
  );

/** The fields the refinement reads, as far as they have the right type (it also runs when others do not). */
function asTargetFields(input: unknown): {
  region?: string;
  loginBaseUrl?: string;
  apiBaseUrl?: string;
  settings: unknown;
} {
  const fields = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return {
    region: text(fields.region),
    loginBaseUrl: text(fields.loginBaseUrl),
    apiBaseUrl: text(fields.apiBaseUrl),
    settings: fields.settings ?? {},
  };
}

/**
 * What the engine would refuse in these settings, by the engine's own function: a tenant registered is one that can
 * run. Only once region, login URL and settings are themselves valid (their own rules speak otherwise).
 */
function runSettingsProblems(input: { region?: string; loginBaseUrl?: string; settings: unknown }) {
  if (input.region !== undefined && findRegion(input.region) === undefined) return [];
  if (input.loginBaseUrl !== undefined && !URL.canParse(input.loginBaseUrl)) return [];
  if (input.region === undefined && input.loginBaseUrl === undefined) return [];
  if (!tenantSettingsSchema.safeParse(input.settings).success) return [];
  try {
    runnableSettings({ region: input.region, loginBaseUrl: input.loginBaseUrl, settings: input.settings });
    return [];
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    return error.problems.map((problem) => ({ path: problem.field.split("."), message: problem.message }));
  }
}

export type TenantInput = z.input<typeof tenantInputSchema>;
