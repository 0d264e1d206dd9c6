import type { ApplyResult, FolderRef, GaxTransaction, TenantRef } from "./bridge";
import type { DesiredHybridIntegration } from "./desired-object";
import { ConfigServerError, GaxHttpError, isTransient } from "./errors";
import type { GaxClient } from "./gax-client";
import { findHybridIntegration, findTransactionByAlias, findTransactionsFolder, requireTenant } from "./gax-lookups";
import { ENABLED_STATE, planFrom } from "./hybrid-integration-diff";
import { mergeOwnedProperties } from "./property-plan";

interface ApplyContext {
  client: GaxClient;
  transactionsFolderName: string;
  maxAttempts: number;
}

function newObject(tenant: TenantRef, folder: FolderRef, desired: DesiredHybridIntegration) {
  return {
    type: "CfgTransaction",
    subtype: "CFGTRTList",
    name: desired.name,
    alias: desired.alias,
    tenantdbid: tenant.dbid,
    folderid: folder.dbid,
    state: ENABLED_STATE,
    userproperties: { property: desired.entries.map(({ section, key, value }) => ({ section, key, value })) },
  };
}

async function explainConflict(
  client: GaxClient,
  { tenant, desired, error }: { tenant: TenantRef; desired: DesiredHybridIntegration; error: GaxHttpError },
): Promise<Error> {
  const holder = await findTransactionByAlias(client, tenant, desired.alias);
  if (holder && holder.name !== desired.name) {
    return new ConfigServerError(
      "alias-taken",
      `Cannot create ${desired.name} in tenant "${tenant.name}": alias "${desired.alias}" is already used by transaction "${holder.name}" (DBID ${holder.dbid}). Change that transaction's alias in GAX, or give ${desired.name} another alias.`,
      { cause: error },
    );
  }
  return new ConfigServerError(
    "not-readable",
    `Cannot create ${desired.name} in tenant "${tenant.name}": Configuration Server already has a transaction with this name or alias that GAX user "${client.username}" may not read (${error.gaxMessage}). Grant the user Read on the tenant's transactions.`,
    { cause: error },
  );
}

async function applyOnce(
  context: ApplyContext,
  { tenantName, desired, attempt }: { tenantName: string; desired: DesiredHybridIntegration; attempt: number },
): Promise<ApplyResult> {
  const { client } = context;
  const tenant = await requireTenant(client, tenantName);
  const live = await findHybridIntegration(client, tenant);
  if (!live) {
    const folder = await findTransactionsFolder(client, tenant, context.transactionsFolderName);
    const plan = planFrom(tenant, { live: null, desired, folder });
    try {
      const created = await client.request<GaxTransaction>("POST", "cfg/objects", {
        body: newObject(tenant, folder, desired),
      });
      return { tenant, action: "created", dbid: created.dbid, plan, attempts: attempt };
    } catch (error) {
      if (error instanceof GaxHttpError && error.status === 409)
        throw await explainConflict(client, { tenant, desired, error });
      throw error;
    }
  }
  const plan = planFrom(tenant, { live, desired });
  if (plan.action === "none") return { tenant, action: "unchanged", dbid: live.dbid, plan, attempts: attempt };
  // Whole-object update: everything read is sent back; only owned keys and the state differ.
  const body = {
    ...live,
    state: ENABLED_STATE,
    userproperties: { property: mergeOwnedProperties(live.userproperties.property, desired.entries) },
  };
  await client.request("PUT", `cfg/objects/CfgTransaction/${live.dbid}`, { body });
  return { tenant, action: "updated", dbid: live.dbid, plan, attempts: attempt };
}

/**
 * Creates or updates hybrid_integration. Every round starts by reading the live object, so after a failure
 * whose outcome is unknown (5xx, lost connection) the next round sees what GAX actually holds and converges.
 */
export async function applyHybridIntegration(
  context: ApplyContext,
  tenantName: string,
  desired: DesiredHybridIntegration,
): Promise<ApplyResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await applyOnce(context, { tenantName, desired, attempt });
    } catch (error) {
      if (!isTransient(error)) throw error;
      if (attempt >= context.maxAttempts) {
        throw new ConfigServerError(
          "gax-unavailable",
          `GAX kept failing while writing ${desired.name} in tenant "${tenantName}" (${attempt} attempts; last: ${(error as Error).message}). Each write carries the whole object, so it is either unchanged or fully written; run apply again when GAX is healthy.`,
          { cause: error },
        );
      }
    }
  }
}
