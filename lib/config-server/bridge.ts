import type { DesiredHybridIntegration } from "./desired-object";
import type { GaxProperty, KeyRef, PropertyPlan, ShownValue } from "./property-plan";

/**
 * What the provisioning engine needs from Configuration Server. Secrets arrive here already opened (decrypted)
 * by the caller and leave only in request bodies to GAX; results show them masked.
 *
 * Which tenant: a single-tenant deployment writes to its one tenant, which the procedure calls "the Environment or
 * Resources structure" (the deployment says which: chosen or detected); a multi-tenant deployment writes one object
 * into each tenant, and the caller passes that tenant's name. Objects are never shared.
 */
export const ENVIRONMENT_TENANT = "Environment";
export const RESOURCES_TENANT = "Resources";
/** The names the one tenant of a single-tenant Configuration Server goes by. */
export const SINGLE_TENANT_NAMES = [ENVIRONMENT_TENANT, RESOURCES_TENANT] as const;
export type SingleTenantName = (typeof SINGLE_TENANT_NAMES)[number];

export const isSingleTenantName = (name: string | null | undefined): name is SingleTenantName =>
  (SINGLE_TENANT_NAMES as readonly (string | null | undefined)[]).includes(name);

/**
 * The tenant that holds hybrid_integration. `singleTenant` is a single-tenant deployment's one tenant (Environment or
 * Resources); a multi-tenant deployment's object goes into `tenantName`, never into the shared Environment tenant.
 */
export function targetTenantName(
  layout: "single-tenant" | "multi-tenant",
  tenantName?: string,
  singleTenant?: string,
): string {
  if (layout === "single-tenant") {
    if (isSingleTenantName(singleTenant)) return singleTenant;
    throw new Error(
      "singleTenant: a single-tenant deployment keeps hybrid_integration in its one tenant, " +
        `${SINGLE_TENANT_NAMES.join(" or ")} (detect or choose it on the deployment)`,
    );
  }
  if (!tenantName || tenantName === ENVIRONMENT_TENANT) {
    throw new Error(
      "tenantName: a multi-tenant deployment needs the tenant's own name (never the shared Environment tenant)",
    );
  }
  return tenantName;
}

export interface TenantRef {
  dbid: string;
  name: string;
}

/** A tenant as GAX lists it, with whether Configuration Server has it enabled (PSDK state CFGEnabled/CFGDisabled). */
export interface GaxTenant extends TenantRef {
  state: "enabled" | "disabled" | "other";
}

export interface FolderRef {
  dbid: string;
  name: string;
}

/** A transaction as POSTed to GAX, before it has a DBID, tenant and folder. */
export interface GaxTransactionBody {
  type: "CfgTransaction";
  subtype: string;
  name: string;
  alias: string;
  state: string;
  userproperties: { property: GaxProperty[] };
}

/** hybrid_integration as GAX returns it (other attributes are kept as they are). */
export interface GaxTransaction extends GaxTransactionBody {
  dbid: string;
  tenantdbid: string;
  folderid?: string;
  [attribute: string]: unknown;
}

export interface AttributeChange {
  attribute: "state";
  from: string;
  to: string;
}

export interface HybridIntegrationPlan extends PropertyPlan {
  tenant: TenantRef;
  /** "create": the object is missing and will be created in `folder`. */
  action: "create" | "update" | "none";
  folder?: FolderRef;
  attributeChanges: AttributeChange[];
}

export interface ApplyResult {
  tenant: TenantRef;
  action: "created" | "updated" | "unchanged";
  dbid: string;
  plan: HybridIntegrationPlan;
  /** How many read-then-write rounds it took (more than 1 after a failure GAX recovered from). */
  attempts: number;
}

export interface DriftedKey extends KeyRef {
  expected: string;
  actual: string;
  secret: boolean;
}

export interface HybridIntegrationVerification {
  tenant: TenantRef;
  status: "ok" | "missing" | "drifted";
  objectMissing: boolean;
  missing: KeyRef[];
  drifted: DriftedKey[];
  attributeChanges: AttributeChange[];
}

/** One option of an export; `annex`: the procedure puts it in the object's Annex, not in an option section. */
export interface ExportRow extends ShownValue {
  annex: boolean;
}

export interface HybridIntegrationExport {
  /** The body of POST /gax/api/cfg/objects; tenantdbid and folderid must be filled in for the site. */
  body: GaxTransactionBody;
  /** One row per option, grouped by section, then the annex options, for sites that enter it by hand in GAX. */
  rows: ExportRow[];
  /** The section of the object's options that holds the annex options (the deployment's annex section). */
  annexSection: string;
  /** The rows as printable tables: the option sections, then the Annex under its own heading. */
  table: string;
}

export interface IsolationAgent {
  tenantName: string;
  username: string;
  password: string;
  passwordIsEncrypted?: boolean;
}

/**
 * Why an agent failed: it could not be checked (wrong credentials, GAX down), GAX refused it for lack of rights, it is
 * not a person of its tenant, it sees other tenants' objects, or it sees none. Only "leak" is about isolation itself.
 */
export type IsolationProblem =
  "check-failed" | "sign-in-not-permitted" | "wrong-tenant" | "leak" | "own-object-not-visible";

export interface AgentIsolationResult {
  tenantName: string;
  username: string;
  ok: boolean;
  /** Tenants whose hybrid_integration this agent can read (empty when it could not be judged). */
  seesTenants: string[];
  /** The tenant of the agent's own Person, once it signed in. */
  agentTenant?: string;
  problem?: string;
  problemKind?: IsolationProblem;
}

export interface TenantIsolationReport {
  passed: boolean;
  agents: AgentIsolationResult[];
  /** Each other tenant's object an agent could read. */
  leaks: { objectTenant: string; visibleTo: { tenantName: string; username: string } }[];
  summary: string;
}

/**
 * Which tenant of a single-tenant Configuration Server holds hybrid_integration, by the tenants the GAX user sees:
 * exactly one of Environment and Resources is "found"; both, or neither, is for the operator to settle.
 */
export type SingleTenantDetection =
  | { status: "found"; tenant: TenantRef & { name: SingleTenantName } }
  | { status: "both" | "neither"; seen: TenantRef[]; message: string };

export interface ConfigServerBridge {
  /** Signs in (again) and returns the user whose password GAX accepted. */
  signIn(): Promise<{ username: string }>;
  /** Looks for the Environment and Resources tenants (single-tenant deployments). */
  detectSingleTenant(): Promise<SingleTenantDetection>;
  /** Every tenant this user may read (GET cfg/objects?type=CfgTenant), Environment included. */
  listTenants(): Promise<GaxTenant[]>;
  /** The tenant by name, or null when it does not exist or this user may not read it. */
  findTenant(name: string): Promise<TenantRef | null>;
  /** The tenant's Transactions folder by name; throws a ConfigServerError when it is missing. */
  findTransactionsFolder(tenant: TenantRef): Promise<FolderRef>;
  /** hybrid_integration of the tenant, or null. */
  findHybridIntegration(tenant: TenantRef): Promise<GaxTransaction | null>;
  planHybridIntegration(tenantName: string, desired: DesiredHybridIntegration): Promise<HybridIntegrationPlan>;
  applyHybridIntegration(tenantName: string, desired: DesiredHybridIntegration): Promise<ApplyResult>;
  verifyHybridIntegration(
    tenantName: string,
    desired: DesiredHybridIntegration,
  ): Promise<HybridIntegrationVerification>;
  exportHybridIntegration(
    desired: DesiredHybridIntegration,
    options?: { revealSecrets?: boolean },
  ): HybridIntegrationExport;
  checkTenantIsolation(agents: IsolationAgent[]): Promise<TenantIsolationReport>;
  close(): Promise<void>;
}
