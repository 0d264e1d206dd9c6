// How a step's outputs read on the checklist: labels instead of keys, PEM and JSON folded, lists of records as tables.

const LABELS: Record<string, string> = {
  orgId: "Org ID",
  orgName: "Org name",
  orgShortName: "Org short name",
  clientId: "Client ID",
  clientName: "Client name",
  providerId: "Identity provider ID",
  issuerUri: "Issuer URI",
  ssoTargetUri: "SSO target URI",
  dbid: "Object DBID",
  tenantDbid: "Tenant DBID",
  cfgTenant: "Configuration Server tenant",
  agentUsername: "Sample agent",
  seesTenants: "Tenants its agent sees",
  checkedAt: "Checked at",
  passwordIsEncrypted: "Password entered encrypted",
  subject: "Signed in as",
  probe: "API called",
  rules: "Network rules",
  users: "Admin users",
  roleId: "Role ID",
  roleName: "Role name",
};

const ACRONYMS: Record<string, string> = { id: "ID", uri: "URI", url: "URL", pem: "PEM", dbid: "DBID", oauth: "OAuth" };

/** "certificateExpiresAt" -> "Certificate expires at"; known keys get their own words. */
export function outputLabel(name: string): string {
  const known = LABELS[name];
  if (known) return known;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((word, index) => {
      const lower = word.toLowerCase();
      if (ACRONYMS[lower]) return ACRONYMS[lower];
      return index === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    });
  return words.join(" ");
}

/** Keys that only name where a secret is sealed: the secret itself is listed (masked) under Secrets. */
export const isSecretReference = (name: string) => /Purpose$/.test(name);

export type OutputDisplay =
  | { kind: "text"; label: string; value: string }
  | { kind: "block"; label: string; value: string; summary: string }
  | { kind: "table"; label: string; columns: { key: string; label: string }[]; rows: Record<string, string>[] };

const cell = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

function parsed(value: string): unknown {
  if (!/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** How one output is shown; undefined for secret references. */
export function outputDisplay(name: string, value: string): OutputDisplay | undefined {
  if (isSecretReference(name)) return undefined;
  const label = outputLabel(name);
  if (value.includes("-----BEGIN ")) {
    const lines = value.trim().split("\n").length;
    return { kind: "block", label, value, summary: `PEM, ${lines} lines` };
  }
  const json = parsed(value);
  if (Array.isArray(json) && json.length > 0 && json.every(isRecord)) {
    const keys = [...new Set(json.flatMap((row) => Object.keys(row)))];
    const rows = json.map((row) => Object.fromEntries(keys.map((key) => [key, key in row ? cell(row[key]) : ""])));
    return { kind: "table", label, columns: keys.map((key) => ({ key, label: outputLabel(key) })), rows };
  }
  if (Array.isArray(json) && json.every((item) => typeof item === "string"))
    return { kind: "text", label, value: json.length ? json.join(", ") : "none" };
  if (json !== undefined) {
    const pretty = JSON.stringify(json, null, 2);
    return { kind: "block", label, value: pretty, summary: `JSON, ${pretty.split("\n").length} lines` };
  }
  if (value === "true" || value === "false") return { kind: "text", label, value: value === "true" ? "yes" : "no" };
  return { kind: "text", label, value };
}
