import type { FolderRef, GaxTransaction, TenantRef } from "./bridge";
import { HYBRID_INTEGRATION_NAME } from "./desired-object";
import { ConfigServerError } from "./errors";
import type { GaxClient, Query } from "./gax-client";

type Named = { dbid: string; name: string };

/** GET cfg/objects: GAX answers with an array; 0 = not found, more than 1 = ambiguous. */
async function listObjects<T>(client: GaxClient, query: Query): Promise<T[]> {
  const found = await client.request<unknown>("GET", "cfg/objects", { query: { brief: "false", ...query } });
  if (!Array.isArray(found)) throw new Error(`GAX answered GET cfg/objects?type=${query.type} with something other than a list`);
  return found as T[];
}

function atMostOne<T>(found: T[], what: string): T | null {
  if (found.length > 1) throw new ConfigServerError("ambiguous", `GAX returned ${found.length} objects for ${what}; expected one. Remove the duplicates in GAX.`);
  return found[0] ?? null;
}

export async function findTenant(client: GaxClient, name: string): Promise<TenantRef | null> {
  const tenant = atMostOne(await listObjects<Named>(client, { type: "CfgTenant", name }), `tenant "${name}"`);
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

export async function findTransactionsFolder(client: GaxClient, tenant: TenantRef, folderName: string): Promise<FolderRef> {
  const folders = await listObjects<Named>(client, {
    type: "CfgFolder",
    name: folderName,
    filters: `ownerdbid=${tenant.dbid} AND ownertype=CFGTenant AND subtype=CFGTransaction`,
  });
  const folder = atMostOne(folders, `folder "${folderName}" of tenant "${tenant.name}"`);
  if (!folder) {
    throw new ConfigServerError(
      "transactions-folder-missing",
      `Tenant "${tenant.name}" has no transactions folder named "${folderName}" (or GAX user "${client.username}" may not read it). Create the folder in GAX under the tenant, or set the folder name in the GAX settings.`,
    );
  }
  return { dbid: folder.dbid, name: folder.name };
}

export async function findHybridIntegration(client: GaxClient, tenant: TenantRef): Promise<GaxTransaction | null> {
  const found = await listObjects<GaxTransaction>(client, { type: "CfgTransaction", name: HYBRID_INTEGRATION_NAME, tenantdbid: tenant.dbid });
  return atMostOne(found, `${HYBRID_INTEGRATION_NAME} in tenant "${tenant.name}"`);
}

export async function findTransactionByAlias(client: GaxClient, tenant: TenantRef, alias: string): Promise<GaxTransaction | null> {
  const found = await listObjects<GaxTransaction>(client, { type: "CfgTransaction", alias, tenantdbid: tenant.dbid });
  return found[0] ?? null;
}
