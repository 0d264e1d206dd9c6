import type { FolderRef, GaxTenant, GaxTransaction, TenantRef } from "./bridge";
import { HYBRID_INTEGRATION_NAME } from "./desired-object";
import { ConfigServerError, GaxHttpError } from "./errors";
import type { GaxClient, Query } from "./gax-client";

type Named = { dbid: string; name: string };
type GaxFolder = Named & { ownerdbid?: string; ownertype?: string; subtype?: string };

/** GET cfg/objects: GAX answers with an array; 0 = not found, more than 1 = ambiguous. */
async function listObjects<T>(client: GaxClient, query: Query): Promise<T[]> {
  const found = await client.request<unknown>("GET", "cfg/objects", { query: { brief: "false", ...query } });
  if (!Array.isArray(found))
    throw new Error(`GAX answered GET cfg/objects?type=${query.type} with something other than a list`);
  return found as T[];
}

function atMostOne<T>(found: T[], what: string): T | null {
  if (found.length > 1)
    throw new ConfigServerError(
      "ambiguous",
      `GAX returned ${found.length} objects for ${what}; expected one. Remove the duplicates in GAX.`,
    );
  return found[0] ?? null;
}

/** `tenant "Acme"`, or its DBID when the name cannot be read: for messages only. */
async function tenantLabel(client: GaxClient, dbid: string | undefined): Promise<string> {
  if (!dbid) return "no tenant";
  const tenant = await client.request<Named>("GET", `cfg/objects/CfgTenant/${dbid}`).catch(() => undefined);
  return tenant?.name ? `tenant "${tenant.name}"` : `tenant DBID ${dbid}`;
}

/**
 * An object a query returned belongs to another tenant than the query asked for. Nothing is written on such an answer:
 * a GAX that ignores a filter would otherwise lead the provisioner to change another tenant's object.
 */
function tenantMismatch(lookup: string, found: string): ConfigServerError {
  return new ConfigServerError(
    "tenant-mismatch",
    `GAX answered the lookup of ${lookup} with ${found}. Nothing was written: this GAX does not filter cfg/objects ` +
      "as asked (it may ignore a query parameter), so its answers cannot be trusted for writes. " +
      "Check the name in GAX and the GAX version; meanwhile enter the object by hand from the export sheet.",
  );
}

export async function findTenant(client: GaxClient, name: string): Promise<TenantRef | null> {
  const found = await listObjects<Named>(client, { type: "CfgTenant", name });
  const other = found.find((tenant) => tenant.name !== name);
  if (other) throw tenantMismatch(`tenant "${name}"`, `tenant "${other.name}" (DBID ${other.dbid})`);
  const tenant = atMostOne(found, `tenant "${name}"`);
  return tenant && { dbid: tenant.dbid, name: tenant.name };
}

export async function requireTenant(client: GaxClient, name: string): Promise<TenantRef> {
  const tenant = await findTenant(client, name);
  if (!tenant) {
    throw new ConfigServerError(
      "tenant-not-found",
      `Tenant "${name}" was not found in Configuration Server, or GAX user "${client.username}" may not read it. Check the tenant name and the user's permissions.`,
    );
  }
  return tenant;
}

export async function listTenants(client: GaxClient): Promise<TenantRef[]> {
  return (await listObjects<Named>(client, { type: "CfgTenant" })).map(({ dbid, name }) => ({ dbid, name }));
}

const tenantState = (state: string | undefined): GaxTenant["state"] =>
  state === undefined || state === "CFGEnabled" ? "enabled" : state === "CFGDisabled" ? "disabled" : "other";

/** Every tenant the user may read, with its state (an object listed without one is taken as enabled). */
export async function listTenantsWithState(client: GaxClient): Promise<GaxTenant[]> {
  const found = await listObjects<Named & { state?: string }>(client, { type: "CfgTenant" });
  return found.map(({ dbid, name, state }) => ({ dbid, name, state: tenantState(state) }));
}

/** The tenant's folder for transactions: owned by the tenant (checked, whatever GAX's filter did), holding them. */
export async function findTransactionsFolder(
  client: GaxClient,
  tenant: TenantRef,
  folderName: string,
): Promise<FolderRef> {
  const found = await listObjects<GaxFolder>(client, {
    type: "CfgFolder",
    name: folderName,
    filters: `ownerdbid=${tenant.dbid} AND ownertype=CFGTenant AND subtype=CFGTransaction`,
  });
  const ownedByTenant = (folder: GaxFolder) =>
    folder.ownerdbid === tenant.dbid && (folder.ownertype ?? "CFGTenant") === "CFGTenant";
  const other = found.find((folder) => !ownedByTenant(folder));
  if (other) {
    const owner = await tenantLabel(client, other.ownertype === "CFGTenant" ? other.ownerdbid : undefined);
    const what = `folder "${other.name}" (DBID ${other.dbid}) of ${owner}`;
    throw tenantMismatch(`the ${folderName} folder of tenant "${tenant.name}"`, what);
  }
  const folders = found.filter((folder) => folder.name === folderName && folder.subtype === "CFGTransaction");
  const folder = atMostOne(folders, `folder "${folderName}" of tenant "${tenant.name}"`);
  if (!folder) {
    throw new ConfigServerError(
      "transactions-folder-missing",
      `Tenant "${tenant.name}" has no transactions folder named "${folderName}" (or GAX user "${client.username}" may not read it). Create the folder in GAX under the tenant, or set the folder name in the GAX settings.`,
    );
  }
  return { dbid: folder.dbid, name: folder.name };
}

/** The folder holding the object must belong to the tenant too. */
async function checkFolderOwner(client: GaxClient, tenant: TenantRef, object: GaxTransaction) {
  if (!object.folderid) return;
  let folder: GaxFolder;
  try {
    folder = await client.request<GaxFolder>("GET", `cfg/objects/CfgFolder/${object.folderid}`);
  } catch (error) {
    if (!(error instanceof GaxHttpError) || error.status !== 404) throw error;
    throw new ConfigServerError(
      "not-readable",
      `${HYBRID_INTEGRATION_NAME} of tenant "${tenant.name}" (DBID ${object.dbid}) is in folder ${object.folderid}, ` +
        `which GAX user "${client.username}" may not read, so it cannot be confirmed that the folder belongs to ` +
        "the tenant. Grant the user Read on that folder.",
      { cause: error },
    );
  }
  if (folder.ownerdbid !== tenant.dbid) {
    const owner = await tenantLabel(client, folder.ownerdbid);
    throw tenantMismatch(
      `${HYBRID_INTEGRATION_NAME} in tenant "${tenant.name}"`,
      `an object (DBID ${object.dbid}) in folder "${folder.name}" (DBID ${folder.dbid}) of ${owner}`,
    );
  }
}

/** hybrid_integration of the tenant: its tenant and its folder's owner are checked, whatever GAX's filter did. */
export async function findHybridIntegration(client: GaxClient, tenant: TenantRef): Promise<GaxTransaction | null> {
  const query = { type: "CfgTransaction", name: HYBRID_INTEGRATION_NAME, tenantdbid: tenant.dbid };
  const named = await listObjects<GaxTransaction>(client, query);
  const found = named.filter((object) => object.name === HYBRID_INTEGRATION_NAME);
  const other = found.find((object) => object.tenantdbid !== tenant.dbid);
  if (other) {
    const owner = await tenantLabel(client, other.tenantdbid);
    const lookup = `${HYBRID_INTEGRATION_NAME} in tenant "${tenant.name}"`;
    throw tenantMismatch(lookup, `the one of ${owner} (DBID ${other.dbid})`);
  }
  const object = atMostOne(found, `${HYBRID_INTEGRATION_NAME} in tenant "${tenant.name}"`);
  if (object) await checkFolderOwner(client, tenant, object);
  return object;
}

/** The tenant's transaction holding the alias (another tenant's is never named). */
export async function findTransactionByAlias(
  client: GaxClient,
  tenant: TenantRef,
  alias: string,
): Promise<GaxTransaction | null> {
  const found = await listObjects<GaxTransaction>(client, { type: "CfgTransaction", alias, tenantdbid: tenant.dbid });
  return found.find((object) => object.tenantdbid === tenant.dbid && object.alias === alias) ?? null;
}

/** CfgAppType of GAX's own application object. */
const GAX_APPLICATION_TYPE = "CFGGenesysAdministratorServer";

/** Names of the GAX application objects the user may read (a site may run several GAX instances). */
export async function findGaxApplicationNames(client: GaxClient): Promise<string[]> {
  const query = { type: "CfgApplication", subtype: GAX_APPLICATION_TYPE };
  const found = await listObjects<Named & { subtype?: string }>(client, query);
  return found.filter((application) => application.subtype === GAX_APPLICATION_TYPE).map(({ name }) => name);
}

/** The DBID of the tenant of the person with this user name, or undefined when it cannot be read. */
export async function findPersonTenantDbid(client: GaxClient, username: string): Promise<string | undefined> {
  const found = await listObjects<{ username: string; tenantdbid: string }>(client, { type: "CfgPerson", username });
  return found.find((person) => person.username === username)?.tenantdbid;
}
