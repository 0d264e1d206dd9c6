import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { assertAllowedGaxHost, assertGenesysBaseUrls, assertOutboundUrl } from "@/lib/http/outbound-policy";
import {
  DETECT_OBJECT_TENANT,
  deploymentInputSchema,
  resolveObjectTenant,
  tenantInputSchema,
} from "@/lib/provisioning";
import { fleetSampleAgentSchema, fleetSchema } from "./fleet-schema";
import { FleetInvalidError, type FleetProblem } from "./fleet-problems";
import { readFleetSource, type FleetSource } from "./fleet-source";
import { resolveSecret, secretSourceSchema, type SecretLookup } from "./secret-source";
import { fleetTenantName } from "./tenant-name-rule";

type DeploymentFields = Omit<z.output<typeof deploymentInputSchema>, "gaxPassword">;
type TenantFields = Omit<
  z.output<typeof tenantInputSchema>,
  "deploymentId" | "cfgTenantName" | "bootstrapClientSecret"
>;

export interface ValidTenant {
  cfgTenantName: string;
  fields: TenantFields;
  bootstrapClientSecret: string;
  sampleAgent?: SampleAgent;
}
export interface ValidDeployment {
  fields: DeploymentFields;
  gaxPassword: string;
  tenants: ValidTenant[];
}

type Path = (string | number)[];
export type SampleAgent = { username: string; password: string; passwordIsEncrypted: boolean };
type Existing = { name: string; layout: string } & Parameters<typeof resolveObjectTenant>[0];

/** A valid id for the registration schema's deploymentId while the deployment may not exist yet. */
const PLACEHOLDER_ID = "00000000-0000-4000-8000-000000000000";
/** Stands for a secret whose own problem is reported, so the entry's other rules are still checked. */
const UNRESOLVED = "unresolved";

const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Collects problems (each place and rule once) while the checks go through the file. */
class Problems {
  readonly all: FleetProblem[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly source: FleetSource) {}
  add(path: readonly PropertyKey[], message: string) {
    const problem = this.source.problemAt(path, message);
    const key = `${problem.path}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.all.push(problem);
  }
  addIssues(base: Path, issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
    for (const issue of issues) this.add([...base, ...issue.path], issue.message);
  }
  addRefusal(base: Path, error: unknown, field: string) {
    if (!(error instanceof AppError)) throw error;
    const entries = Object.entries(error.fieldErrors ?? { [field]: [error.message] });
    for (const [name, messages] of entries) for (const message of messages) this.add([...base, name], message);
  }
}

async function secretAt(
  problems: Problems,
  { value, path, lookup }: { value: unknown; path: Path; lookup: SecretLookup },
) {
  const source = secretSourceSchema.safeParse(value);
  if (!source.success) return UNRESOLVED; // the file's structure check reports it
  const resolved = await resolveSecret(source.data, lookup);
  if ("problem" in resolved) {
    problems.add(path, resolved.problem);
    return UNRESOLVED;
  }
  return resolved.value;
}

/** Checks shared by every tenant of the file: outbound policy per distinct pair of base URLs. */
function baseUrlCheck() {
  const checked = new Map<string, Promise<unknown>>();
  return (urls: { loginBaseUrl?: string; apiBaseUrl?: string }) => {
    const key = `${urls.loginBaseUrl ?? ""} ${urls.apiBaseUrl ?? ""}`;
    if (!checked.has(key))
      checked.set(
        key,
        assertGenesysBaseUrls(urls).then(
          () => undefined,
          (error: unknown) => error,
        ),
      );
    return checked.get(key)!;
  };
}

interface Context {
  problems: Problems;
  lookup: SecretLookup;
  existing: Map<string, Existing>;
  checkBaseUrls: ReturnType<typeof baseUrlCheck>;
}

async function validTenant(
  ctx: Context,
  {
    raw,
    path,
    deployment,
  }: { raw: unknown; path: Path; deployment: { layout: string; objectTenantName: string | null } },
): Promise<ValidTenant | undefined> {
  const { sampleAgent: rawAgent, ...given } = record(raw);
  const sampleAgent = await validSampleAgent(ctx, { raw: rawAgent, path: [...path, "sampleAgent"], deployment });
  const secret = await secretAt(ctx.problems, {
    value: given.bootstrapClientSecret,
    path: [...path, "bootstrapClientSecret"],
    lookup: ctx.lookup,
  });
  const parsed = tenantInputSchema.safeParse({ ...given, deploymentId: PLACEHOLDER_ID, bootstrapClientSecret: secret });
  if (!parsed.success) ctx.problems.addIssues(path, parsed.error.issues);
  const named = fleetTenantName(
    deployment,
    typeof given.cfgTenantName === "string" ? given.cfgTenantName.trim() || undefined : undefined,
  );
  if ("problem" in named) {
    const at = named.field === "objectTenant" ? [...path.slice(0, -2), "objectTenant"] : [...path, "cfgTenantName"];
    ctx.problems.add(at, named.problem);
  }
  if (!parsed.success || "problem" in named) return undefined;
  const refusal = await ctx.checkBaseUrls(parsed.data);
  if (refusal) ctx.problems.addRefusal(path, refusal, "loginBaseUrl");
  const { deploymentId: _id, cfgTenantName: _name, bootstrapClientSecret, ...fields } = parsed.data;
  return { cfgTenantName: named.name, fields, bootstrapClientSecret, ...(sampleAgent ? { sampleAgent } : {}) };
}

/** The isolation check's sample agent, which only tenants of a multi-tenant deployment have. */
async function validSampleAgent(
  ctx: Context,
  { raw, path, deployment }: { raw: unknown; path: Path; deployment: { layout: string } },
): Promise<SampleAgent | undefined> {
  if (raw === undefined) return undefined;
  if (deployment.layout === "single-tenant")
    ctx.problems.add(path, "applies only to a multi-tenant deployment's tenants (the isolation check)");
  const password = await secretAt(ctx.problems, {
    value: record(raw).password,
    path: [...path, "password"],
    lookup: ctx.lookup,
  });
  // A password that cannot be read is already a problem, which stops the import.
  const parsed = fleetSampleAgentSchema.safeParse({ ...record(raw), password });
  return parsed.success ? { ...parsed.data, password } : undefined;
}

async function validDeployment(ctx: Context, { raw, path }: { raw: unknown; path: Path }) {
  const { tenants: rawTenants, ...given } = record(raw);
  const gaxPassword = await secretAt(ctx.problems, {
    value: given.gaxPassword,
    path: [...path, "gaxPassword"],
    lookup: ctx.lookup,
  });
  const parsed = deploymentInputSchema.safeParse({ ...given, gaxPassword });
  if (!parsed.success) ctx.problems.addIssues(path, parsed.error.issues);
  else {
    try {
      assertAllowedGaxHost(parsed.data.gaxBaseUrl);
      await assertOutboundUrl(parsed.data.gaxBaseUrl, "gaxBaseUrl");
    } catch (error) {
      ctx.problems.addRefusal(path, error, "gaxBaseUrl");
    }
  }
  const layout = typeof given.layout === "string" ? given.layout : "";
  const stored = typeof given.name === "string" ? ctx.existing.get(given.name.trim()) : undefined;
  if (stored && layout && stored.layout !== layout)
    ctx.problems.add(
      [...path, "layout"],
      `cannot change from ${stored.layout} (delete the deployment and register it again)`,
    );
  const chosen = typeof given.objectTenant === "string" ? given.objectTenant : DETECT_OBJECT_TENANT;
  const objectTenantName =
    chosen !== DETECT_OBJECT_TENANT
      ? chosen
      : stored
        ? resolveObjectTenant({ ...stored, objectTenant: chosen }).name
        : null;
  if (stored?.layout === "single-tenant" && resolveObjectTenant(stored).name !== objectTenantName) {
    const rule =
      "cannot move the object to another tenant by import: choose it on the Deployments page, which renames the " +
      "registered tenant with it";
    ctx.problems.add([...path, "objectTenant"], rule);
  }
  const tenants: ValidTenant[] = [];
  const names = new Set<string>();
  for (const [index, rawTenant] of list(rawTenants).entries()) {
    const tenantPath = [...path, "tenants", index];
    const tenant = await validTenant(ctx, {
      raw: rawTenant,
      path: tenantPath,
      deployment: { layout, objectTenantName },
    });
    if (tenant && names.has(tenant.cfgTenantName))
      ctx.problems.add(
        [...tenantPath, "cfgTenantName"],
        `names tenant ${tenant.cfgTenantName} a second time in this deployment`,
      );
    if (tenant) names.add(tenant.cfgTenantName);
    if (tenant) tenants.push(tenant);
  }
  if (!parsed.success) return undefined;
  const { gaxPassword: password, ...fields } = parsed.data;
  return { fields, gaxPassword: password, tenants };
}

/**
 * Every problem of a fleet file at once, each with its place and rule, checked by the registration schemas and
 * outbound policy (so a file cannot register what the dashboard refuses); throws FleetInvalidError listing them.
 */
export async function validateFleet(
  db: Db,
  { text, lookup }: { text: string; lookup: SecretLookup },
): Promise<ValidDeployment[]> {
  const read = readFleetSource(text);
  if ("problems" in read) throw new FleetInvalidError(read.problems);
  const problems = new Problems(read.source);
  const structure = fleetSchema.safeParse(read.source.data);
  if (!structure.success) problems.addIssues([], structure.error.issues);
  const rawDeployments = list(record(read.source.data).deployments);
  const givenNames = rawDeployments
    .map((raw) => record(raw).name)
    .filter((name): name is string => typeof name === "string");
  const existing = new Map(
    (await db.deployment.findMany({ where: { name: { in: givenNames.map((name) => name.trim()) } } })).map((row) => [
      row.name,
      row,
    ]),
  );
  const ctx: Context = { problems, lookup, existing, checkBaseUrls: baseUrlCheck() };
  const deployments: ValidDeployment[] = [];
  const names = new Set<string>();
  for (const [index, raw] of rawDeployments.entries()) {
    const deployment = await validDeployment(ctx, { raw, path: ["deployments", index] });
    if (deployment && names.has(deployment.fields.name))
      problems.add(["deployments", index, "name"], `names deployment ${deployment.fields.name} a second time`);
    if (deployment) names.add(deployment.fields.name);
    if (deployment) deployments.push(deployment);
  }
  if (problems.all.length > 0) throw new FleetInvalidError(problems.all);
  return deployments;
}
