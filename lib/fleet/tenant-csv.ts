import { CsvError, parse } from "csv-parse/sync";
import type { FleetProblem } from "./fleet-problems";

// A CSV of tenants (one row per tenant of a registered deployment), as spreadsheets keep them, turned into the
// tenants of a fleet document so it is imported through the same validation. docs/fleet.md, "Tenants as CSV".

/** The columns, in the order the docs list them; a header may also be written in words ("Tenant name"). */
export const TENANT_CSV_COLUMNS = [
  "deployment",
  "cfgTenantName",
  "region",
  "loginBaseUrl",
  "apiBaseUrl",
  "bootstrapClientId",
  "bootstrapClientSecret",
  "services",
  "adminUsers",
  "smokeTestAgentEmail",
  "redirectUri",
  "ssoTargetUri",
  "sampleAgentUsername",
  "sampleAgentPassword",
] as const;
export type TenantCsvColumn = (typeof TENANT_CSV_COLUMNS)[number];

const REQUIRED: TenantCsvColumn[] = ["deployment", "bootstrapClientId", "bootstrapClientSecret"];
const ALIASES: Record<string, TenantCsvColumn> = {
  tenant: "cfgTenantName",
  tenantname: "cfgTenantName",
  clientid: "bootstrapClientId",
  clientsecret: "bootstrapClientSecret",
  admins: "adminUsers",
  sampleagent: "sampleAgentUsername",
};
const SETTINGS: TenantCsvColumn[] = ["adminUsers", "smokeTestAgentEmail", "redirectUri", "ssoTargetUri"];

const normalized = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, "");
const byNormalizedName = new Map<string, TenantCsvColumn>([
  ...TENANT_CSV_COLUMNS.map((column) => [normalized(column), column] as const),
  ...Object.entries(ALIASES),
]);

/** One row of the file: its line, and its cells by column. */
export interface TenantCsvRow {
  line: number;
  cells: Partial<Record<TenantCsvColumn, string>>;
}

/** Where each column is in the file (1-based), to point a problem at its cell. */
export type ColumnPositions = Partial<Record<TenantCsvColumn, number>>;

export type ParsedTenantCsv = { rows: TenantCsvRow[]; columns: ColumnPositions } | { problems: FleetProblem[] };

/** Reads the CSV (comma separated, a header row first) with csv-parse; a file that is not CSV is one problem. */
export function parseTenantCsv(text: string): ParsedTenantCsv {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 1;
    return { problems: [{ path: "", line, column: 1, message: `is not valid CSV: ${error.message}` }] };
  }
  const [header, ...body] = records;
  if (!header)
    return {
      problems: [{ path: "", line: 1, column: 1, message: "is empty: it needs a header row and a row per tenant" }],
    };
  const columns: ColumnPositions = {};
  const problems: FleetProblem[] = [];
  header.record.forEach((title, index) => {
    const column = byNormalizedName.get(normalized(title));
    const at = { path: title, line: header.info.lines, column: index + 1 };
    if (!column) problems.push({ ...at, message: `is not a known column (${TENANT_CSV_COLUMNS.join(", ")})` });
    else if (columns[column]) problems.push({ ...at, message: `names column ${column} a second time` });
    else columns[column] = index + 1;
  });
  for (const column of REQUIRED)
    if (!columns[column])
      problems.push({ path: column, line: header.info.lines, column: 1, message: "is a required column" });
  if (problems.length > 0) return { problems };
  const rows = body.map(({ record, info }) => ({
    line: info.lines,
    cells: Object.fromEntries(
      Object.entries(columns)
        .map(([column, position]) => [column, record[position - 1] ?? ""])
        .filter(([, value]) => value !== ""),
    ) as TenantCsvRow["cells"],
  }));
  return { rows, columns };
}

/** `env:NAME` and `file:PATH` are references (docs/fleet.md, Secrets); anything else is the secret itself. */
function secretOf(value: string | undefined) {
  if (value === undefined) return undefined;
  const reference = /^(env|file):(.+)$/.exec(value);
  if (!reference) return value;
  return reference[1] === "env" ? { env: reference[2]! } : { file: reference[2]! };
}

const list = (value: string | undefined) =>
  value
    ?.split(";")
    .map((part) => part.trim())
    .filter(Boolean);

/** `Ada Lovelace <ada@acme.example>`; a bare address has no name, which the settings' rule then names. */
const adminUser = (text: string) => {
  const match = /^(.*?)\s*<([^>]*)>$/.exec(text);
  return match ? { name: match[1]!, email: match[2]! } : { name: "", email: text };
};

/** The row as a fleet file's tenant entry (docs/fleet.md, Fields). */
export function fleetTenantOf({ cells }: TenantCsvRow): Record<string, unknown> {
  const settings = Object.fromEntries(
    SETTINGS.filter((column) => cells[column] !== undefined).map((column) => [
      column,
      column === "adminUsers" ? list(cells.adminUsers)!.map(adminUser) : cells[column],
    ]),
  );
  const agent = cells.sampleAgentUsername !== undefined || cells.sampleAgentPassword !== undefined;
  const entry = {
    cfgTenantName: cells.cfgTenantName,
    region: cells.region,
    loginBaseUrl: cells.loginBaseUrl,
    apiBaseUrl: cells.apiBaseUrl,
    bootstrapClientId: cells.bootstrapClientId,
    bootstrapClientSecret: secretOf(cells.bootstrapClientSecret),
    services: list(cells.services),
    settings: Object.keys(settings).length > 0 ? settings : undefined,
    sampleAgent: agent
      ? { username: cells.sampleAgentUsername, password: secretOf(cells.sampleAgentPassword) }
      : undefined,
  };
  return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined));
}

/** The column a fleet path inside a tenant entry comes from (settings.adminUsers[0].email: adminUsers). */
export function columnOfTenantPath(path: string): TenantCsvColumn | undefined {
  if (path.startsWith("sampleAgent"))
    return path.startsWith("sampleAgent.password") ? "sampleAgentPassword" : "sampleAgentUsername";
  const parts = path.split(".");
  const field = (parts[0] === "settings" ? parts[1] : parts[0])?.replace(/\[\d+\]$/, "");
  return TENANT_CSV_COLUMNS.find((column) => column === field);
}
