import { z } from "zod";

/** The Transaction object Genesys components read to reach Genesys Cloud; its name is fixed by the procedure. */
export const HYBRID_INTEGRATION_NAME = "hybrid_integration";
const ANNEX_KEY = "organization_domain_suffix";

/** One option (userProperties entry) the provisioner owns in hybrid_integration. */
export interface DesiredEntry {
  section: string;
  key: string;
  value: string;
  /** Secrets are masked wherever they are shown (plan, verify, export). */
  secret: boolean;
  /** The annex key: its section is a per-deployment setting. */
  annex?: boolean;
}

export interface DesiredHybridIntegration {
  name: typeof HYBRID_INTEGRATION_NAME;
  alias: string;
  annexSection: string;
  entries: DesiredEntry[];
}

const text = z.string().trim().min(1, "is required");
const base64 = z
  .string()
  .transform((value) => value.replace(/\s+/g, ""))
  .refine(
    (value) => value.length > 0 && value.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(value),
    "must be base64 (as `openssl base64` writes it)",
  );
const dnsLabel = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const OWN_SECTIONS = ["general", "saml", "saml_auth"];

/** The OAuth client of an enabled on-premises service (e.g. the Agent Pacing Service's, section ewt). */
const serviceClientSchema = z
  .object({
    /** The service's name, as errors say it. */
    service: text,
    section: text.refine(
      (section) => !OWN_SECTIONS.includes(section),
      `must not be ${OWN_SECTIONS.join(", ")} (the object's own sections)`,
    ),
    clientId: text.optional(),
    clientSecret: text.optional(),
  })
  .strict()
  .superRefine((client, ctx) => {
    for (const field of ["clientId", "clientSecret"] as const) {
      if (client[field] === undefined)
        ctx.addIssue({ code: "custom", path: [field], message: `is required when the ${client.service} is enabled` });
    }
  })
  .transform(({ section, clientId = "", clientSecret = "" }) => ({ section, clientId, clientSecret }));
export type ServiceClientInput = z.input<typeof serviceClientSchema>;

export const hybridIntegrationInputSchema = z
  .object({
    /** Genesys Cloud organization short name. */
    orgShortName: text,
    /** Genesys Cloud organization id. */
    orgId: z.uuid("must be the organization id (a UUID)"),
    /** Region domain such as mypurecloud.com or euw2.pure.cloud. */
    regionDomain: z
      .string()
      .trim()
      .toLowerCase()
      .refine(
        (value) => value.split(".").length >= 2 && value.split(".").every((label) => dnsLabel.test(label)),
        "must be a region domain such as mypurecloud.com",
      ),
    samlIssuer: text,
    /** cert.pem encoded with `openssl base64`. */
    certificateBase64: base64,
    /** key.pem encrypted with a password, then encoded with `openssl base64`. */
    encryptedKeyBase64: base64,
    /** The password that decrypts the private key. */
    keyPassword: text,
    /** Access token lifetime in hours. */
    expireTimeHours: z.number().int().positive().max(8760).default(24),
    samlAuthClientId: text,
    samlAuthClientSecret: text,
    /** The clients of the enabled services that have one, each in its own section (client_id, password). */
    serviceClients: z
      .array(serviceClientSchema)
      .refine(
        (clients) => new Set(clients.map((client) => client.section)).size === clients.length,
        "must give each section once",
      )
      .default([]),
    organizationDomainSuffix: z
      .string()
      .trim()
      .toLowerCase()
      .regex(dnsLabel, "must be a DNS top-level domain such as com")
      .default("com"),
    /** Section that holds the annex key organization_domain_suffix (where a real GAX keeps it is unpublished). */
    annexSection: text.default("general"),
    alias: text.default(HYBRID_INTEGRATION_NAME),
  })
  .strict();

export type HybridIntegrationInput = z.input<typeof hybridIntegrationInputSchema>;

export class DesiredObjectInputError extends Error {
  constructor(readonly problems: { field: string; message: string }[]) {
    super(
      `Invalid hybrid_integration data: ${problems.map((problem) => `${problem.field} ${problem.message}`).join("; ")}`,
    );
  }
}

/** Computes the options of hybrid_integration from plain provisioning data. */
export function desiredHybridIntegration(input: HybridIntegrationInput): DesiredHybridIntegration {
  const parsed = hybridIntegrationInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new DesiredObjectInputError(
      parsed.error.issues.map((issue) => ({ field: issue.path.join(".") || "input", message: issue.message })),
    );
  }
  const data = parsed.data;
  const entry = (section: string, key: string, value: string): DesiredEntry => ({ section, key, value, secret: false });
  const secretEntry = (section: string, key: string, value: string): DesiredEntry => ({
    section,
    key,
    value,
    secret: true,
  });
  const entries: DesiredEntry[] = [
    entry("general", "organization_sname", data.orgShortName),
    entry("general", "organization_id", data.orgId),
    entry("general", "default_agent_role_name", "employee"),
    entry("general", "default_admin_role_name", "admin"),
    entry("general", "base_auth_url", `https://login.${data.regionDomain}/oauth/token`),
    entry("general", "base_service_url", `https://api.${data.regionDomain}/api/`),
    entry("saml", "issuer", data.samlIssuer),
    entry("saml", "certificate", data.certificateBase64),
    secretEntry("saml", "pkey", data.encryptedKeyBase64),
    secretEntry("saml", "password", data.keyPassword),
    entry("saml", "expire_time", String(data.expireTimeHours)),
    entry("saml_auth", "client_id", data.samlAuthClientId),
    secretEntry("saml_auth", "password", data.samlAuthClientSecret),
  ];
  for (const client of data.serviceClients) {
    entries.push(
      entry(client.section, "client_id", client.clientId),
      secretEntry(client.section, "password", client.clientSecret),
    );
  }
  entries.push({ ...entry(data.annexSection, ANNEX_KEY, data.organizationDomainSuffix), annex: true });
  return { name: HYBRID_INTEGRATION_NAME, alias: data.alias, annexSection: data.annexSection, entries };
}

/** The same desired object with its annex key moved to the deployment's annex section. */
export function withAnnexSection(
  desired: DesiredHybridIntegration,
  annexSection: string | undefined,
): DesiredHybridIntegration {
  if (annexSection === undefined || annexSection === desired.annexSection) return desired;
  return {
    ...desired,
    annexSection,
    entries: desired.entries.map((entry) => (entry.annex ? { ...entry, section: annexSection } : entry)),
  };
}
