/**
 * How the forms name the fields that registration and user management check, so a message says "Login base URL",
 * never loginBaseUrl. A field without a label here is named by its key.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: "Name",
  layout: "Layout",
  gaxBaseUrl: "GAX URL",
  gaxUsername: "GAX username",
  gaxPassword: "GAX password",
  annexSection: "Annex section",
  objectTenant: "Tenant of hybrid_integration",
  notes: "Notes",
  deploymentId: "Deployment",
  cfgTenantName: "Configuration Server tenant",
  region: "Genesys Cloud region",
  loginBaseUrl: "Login base URL",
  apiBaseUrl: "API base URL",
  bootstrapClientId: "Bootstrap client ID",
  bootstrapClientSecret: "Bootstrap client secret",
  services: "Services",
  "settings.redirectUri": "Redirect URI",
  "settings.ssoTargetUri": "SSO target URI",
  email: "Email",
  role: "Role",
  password: "Password",
};

export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;

/** "Login base URL must be ...; Redirect URI is required ..." for a summary line. */
export const describeFieldErrors = (fieldErrors: Record<string, readonly string[]>) =>
  Object.entries(fieldErrors)
    .map(([field, messages]) => `${fieldLabel(field)} ${messages.join(", ")}`)
    .join("; ");
