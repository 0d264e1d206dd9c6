import { z } from "zod";
import { findRegion } from "@/lib/genesys-cloud/regions";
import { httpUrl, lineText } from "@/lib/validation/text";
import { DEFAULT_EMPLOYEE_PERMISSIONS } from "./services";

/** The issuer of the procedure's example; it must equal saml/issuer of the transaction object exactly. */
export const DEFAULT_ISSUER_URI = "https://www.genesys.com/pureengage";

const absoluteUri = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/, "must be an absolute URI such as https://www.genesys.com/pureengage");
const httpsUrl = httpUrl();
const dnsLabel = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const permission = z
  .string()
  .regex(/^[a-zA-Z]+:[a-zA-Z*]+:[a-zA-Z*]+$/, "must be a permission such as journey:session:view");

/** Per-tenant provisioning settings; every field has the procedure's default. */
export const tenantSettingsSchema = z
  .object({
    /** Access token lifetime of the client-credentials clients, 5 minutes to 48 hours. */
    tokenLifetimeSeconds: z
      .number()
      .int()
      .min(300, "must be from 300 to 172800 seconds")
      .max(172_800, "must be from 300 to 172800 seconds")
      .default(86_400),
    /** SAML2 bearer client redirect URI; default https://apps.<region domain>. */
    redirectUri: httpsUrl.optional(),
    /** Scopes of the SAML2 bearer client (its Authorized Applications). */
    samlScopes: z.array(lineText(200)).min(1, "must list at least one scope").default(["journey"]),
    issuerUri: absoluteUri.default(DEFAULT_ISSUER_URI),
    /** Identity provider SSO target; default https://apps.<region domain>. */
    ssoTargetUri: httpsUrl.optional(),
    /** saml/expire_time of the transaction object, in hours. */
    expireTimeHours: z
      .number()
      .int()
      .min(1, "must be from 1 to 8760 hours")
      .max(8760, "must be from 1 to 8760 hours")
      .default(24),
    domainSuffix: z
      .string()
      .trim()
      .toLowerCase()
      .regex(dnsLabel, "must be a DNS top-level domain such as com")
      .default("com"),
    employeePermissions: z
      .array(permission)
      .min(1, "must list at least one permission")
      .default([...DEFAULT_EMPLOYEE_PERMISSIONS]),
    /** Agent Pacing Service (ewt): its own client, or the PureEngage Client Credentials client. */
    ewtClient: z.enum(["separate", "shared"], { error: "must be separate or shared" }).default("separate"),
    adminUsers: z
      .array(
        z
          .object({
            name: lineText(120),
            email: z
              .string()
              .trim()
              .max(320, "must be at most 320 characters")
              .pipe(z.email("must be an email address")),
          })
          .strict(),
      )
      .default([]),
    /** Username of the test agent the smoke test signs in as; the identity provider creates it if missing. */
    smokeTestUser: lineText(120).default("hybrid-provisioner-smoke-test"),
    /**
     * An existing agent of the org (their email, the SAML NameID) the smoke test signs in as instead of smokeTestUser:
     * then the smoke test creates no user, and stops if the agent is not an active user of the org.
     */
    smokeTestAgentEmail: z
      .email("must be the email address of an existing agent, such as agent@example.com")
      .optional(),
  })
  .strict();

export type TenantSettingsInput = z.input<typeof tenantSettingsSchema>;
export type TenantSettings = z.output<typeof tenantSettingsSchema>;
/** Settings with the region-dependent defaults filled in. */
export type ResolvedSettings = Omit<TenantSettings, "redirectUri" | "ssoTargetUri"> & {
  redirectUri: string;
  ssoTargetUri: string;
};

export class SettingsError extends Error {
  constructor(readonly problems: { field: string; message: string }[]) {
    super(`Invalid tenant settings: ${problems.map((problem) => `${problem.field} ${problem.message}`).join("; ")}`);
    this.name = "SettingsError";
  }
}

export function parseTenantSettings(input: unknown): TenantSettings {
  const result = tenantSettingsSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new SettingsError(
    result.error.issues.map((issue) => ({ field: ["settings", ...issue.path].join("."), message: issue.message })),
  );
}

const NO_REGION_DOMAIN =
  "is required when the tenant has no Genesys Cloud region and its login base URL is not https://login.<domain>";

/** Fills in the URLs that default to the region's apps host. */
export function resolveSettings(settings: TenantSettings, regionDomain: string | undefined): ResolvedSettings {
  const appsUrl = regionDomain ? `https://apps.${regionDomain}` : undefined;
  const redirectUri = settings.redirectUri ?? appsUrl;
  const ssoTargetUri = settings.ssoTargetUri ?? appsUrl;
  const missing = [
    ...(redirectUri ? [] : [{ field: "settings.redirectUri", message: NO_REGION_DOMAIN }]),
    ...(ssoTargetUri ? [] : [{ field: "settings.ssoTargetUri", message: NO_REGION_DOMAIN }]),
  ];
  if (!redirectUri || !ssoTargetUri) throw new SettingsError(missing);
  return { ...settings, redirectUri, ssoTargetUri };
}

/** The region's domain, or the domain of an explicit login URL of the form https://login.<domain>. */
export function regionDomainOf(region: string | null | undefined, loginBaseUrl: string | null | undefined) {
  if (region) return findRegion(region)?.domain;
  const host = loginBaseUrl && URL.canParse(loginBaseUrl) ? new URL(loginBaseUrl).hostname : "";
  return host.startsWith("login.") ? host.slice("login.".length) : undefined;
}

/**
 * The settings a run uses for a tenant, as stored (region, login URL, settings JSON). Registration calls it too, so a
 * tenant it accepts is one the engine can run; throws SettingsError naming each field that is missing or wrong.
 */
export function runnableSettings(tenant: {
  region: string | null | undefined;
  loginBaseUrl: string | null | undefined;
  settings: unknown;
}): ResolvedSettings {
  return resolveSettings(parseTenantSettings(tenant.settings), regionDomainOf(tenant.region, tenant.loginBaseUrl));
}
