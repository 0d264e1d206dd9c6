import { applyHybridIntegration } from "./apply-hybrid-integration";
import type { ConfigServerBridge } from "./bridge";
import { withAnnexSection, type DesiredHybridIntegration } from "./desired-object";
import { exportHybridIntegration } from "./export-hybrid-integration";
import { GaxClient } from "./gax-client";
import {
  findHybridIntegration,
  findTenant,
  findTransactionsFolder,
  listTenants,
  listTenantsWithState,
  requireTenant,
} from "./gax-lookups";
import { parseGaxSettings, type GaxSettingsInput } from "./gax-settings";
import { planFrom, verificationFrom } from "./hybrid-integration-diff";
import { judgeSingleTenant } from "./single-tenant";
import { checkTenantIsolation } from "./tenant-isolation";

/** The Configuration Server bridge over the GAX REST API. */
export function createGaxBridge(input: GaxSettingsInput): ConfigServerBridge {
  const settings = parseGaxSettings(input);
  const connection = {
    baseUrl: settings.baseUrl,
    timeoutMs: settings.timeoutMs,
    passwordIsEncrypted: settings.passwordIsEncrypted,
  };
  const client = new GaxClient({ ...connection, username: settings.username, password: settings.password });
  // The annex key goes where this deployment keeps it.
  const localize = (desired: DesiredHybridIntegration) => withAnnexSection(desired, settings.annexSection);
  const folderOf = (tenant: Parameters<ConfigServerBridge["findTransactionsFolder"]>[0]) =>
    findTransactionsFolder(client, tenant, settings.transactionsFolderName);

  return {
    signIn: () => client.signIn(),
    detectSingleTenant: async () => judgeSingleTenant(await listTenants(client), settings.username),
    listTenants: () => listTenantsWithState(client),
    findTenant: (name) => findTenant(client, name),
    findTransactionsFolder: folderOf,
    findHybridIntegration: (tenant) => findHybridIntegration(client, tenant),

    async planHybridIntegration(tenantName, desired) {
      const tenant = await requireTenant(client, tenantName);
      const live = await findHybridIntegration(client, tenant);
      return planFrom(tenant, { live, desired: localize(desired), folder: live ? undefined : await folderOf(tenant) });
    },

    applyHybridIntegration: (tenantName, desired) =>
      applyHybridIntegration(
        { client, transactionsFolderName: settings.transactionsFolderName, maxAttempts: settings.maxApplyAttempts },
        tenantName,
        localize(desired),
      ),

    async verifyHybridIntegration(tenantName, desired) {
      const tenant = await requireTenant(client, tenantName);
      return verificationFrom(tenant, await findHybridIntegration(client, tenant), localize(desired));
    },

    exportHybridIntegration: (desired, options) => exportHybridIntegration(localize(desired), options),

    checkTenantIsolation: (agents) => checkTenantIsolation(client, connection, agents),

    close: () => client.signOut(),
  };
}
