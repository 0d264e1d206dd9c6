import type { ConfigServerBridge } from "@/lib/config-server/bridge";
import { createGaxBridge } from "@/lib/config-server/gax-bridge";
import type { GaxSettingsInput } from "@/lib/config-server/gax-settings";
import type { DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/observability/logger";
import { assertGenesysBaseUrls, assertOutboundUrl } from "@/lib/http/outbound-policy";
import {
  createGenesysCloudClient,
  withReadCache,
  type CallRecord,
  type GenesysCloudClient,
  type GenesysCloudClientOptions,
  type GenesysCloudCredentials,
} from "@/lib/genesys-cloud";
import { openSecret, openSecrets } from "@/lib/secrets/store";
import { BOOTSTRAP_SECRET, gaxPasswordRef, tenantSecretRef } from "../model/secret-refs";
import type { TenantView } from "../model/tenant-view";

/** Connection settings a caller may tune (tests: own token cache, limiter and fast retries; GAX timeouts). */
export interface ConnectionOptions {
  genesys?: GenesysCloudClientOptions;
  gax?: Partial<Pick<GaxSettingsInput, "timeoutMs" | "maxApplyAttempts" | "transactionsFolderName">>;
}

type DeploymentGax = { gaxBaseUrl: string; gaxUsername: string; gaxPasswordEncrypted: boolean; annexSection: string };

/** The Configuration Server bridge of a deployment, signed in with its (opened) GAX password. */
export function deploymentBridge(
  deployment: DeploymentGax,
  password: string,
  overrides: Partial<GaxSettingsInput> = {},
) {
  return createGaxBridge({
    baseUrl: deployment.gaxBaseUrl,
    username: deployment.gaxUsername,
    password,
    passwordIsEncrypted: deployment.gaxPasswordEncrypted,
    annexSection: deployment.annexSection,
    ...overrides,
  });
}

/**
 * The tenant's Genesys Cloud org and GAX, opened lazily for one run; every API call is reported to `calls`. The
 * org's details, Home division, built-in roles and OAuth clients are read once per run (the run's own writes keep
 * them current), so the steps can share them.
 */
export function openConnections(db: DbTx, tenant: TenantView, options: ConnectionOptions) {
  const calls: CallRecord[] = [];
  const clientOptions: GenesysCloudClientOptions = {
    ...options.genesys,
    onCall: (record) => {
      calls.push(record);
      const { method, path, status, code, attempts, durationMs, correlationId } = record;
      const fields = { method, path, status, code, attempts, durationMs, genesysCorrelationId: correlationId };
      log().debug(fields, "Genesys Cloud call");
      options.genesys?.onCall?.(record);
    },
  };
  let bootstrap: GenesysCloudClient | undefined;
  let bootstrapSecret: string | undefined;
  let gaxPassword: string | undefined;
  let bridge: ConfigServerBridge | undefined;
  /** The tenant's sealed values by purpose, opened by prepare(). */
  const tenantSecrets = new Map<string, string>();

  const genesysAs = (credentials: GenesysCloudCredentials) =>
    createGenesysCloudClient(tenant.target, credentials, clientOptions);

  return {
    calls,
    tenantSecrets,
    /**
     * Opens the tenant's secrets and the deployment's GAX password with one query before the first step, so genesys()
     * can stay synchronous and the steps' secrets need no query of their own.
     */
    async prepare(): Promise<void> {
      // A tenant registered with base URLs while they were allowed is refused once they no longer are.
      if ("loginBaseUrl" in tenant.target) await assertGenesysBaseUrls(tenant.target);
      if (bootstrapSecret) return;
      const gaxRef = gaxPasswordRef(tenant.deployment.id);
      const owner = tenantSecretRef(tenant.id, BOOTSTRAP_SECRET);
      const opened = await openSecrets(db, { owners: [owner], refs: [gaxRef] });
      for (const { ref, value } of opened) {
        if (ref.ownerType === gaxRef.ownerType && ref.ownerId === gaxRef.ownerId) gaxPassword = value;
        else tenantSecrets.set(ref.purpose, value);
      }
      bootstrapSecret = tenantSecrets.get(BOOTSTRAP_SECRET);
    },
    genesys(): GenesysCloudClient {
      if (!bootstrapSecret)
        throw new AppError(
          "precondition_failed",
          "The tenant's bootstrap client secret is not stored; enter it again on the tenant's settings.",
        );
      bootstrap ??= withReadCache(genesysAs({ clientId: tenant.bootstrapClientId, clientSecret: bootstrapSecret }));
      return bootstrap;
    },
    genesysAs,
    async bridge(): Promise<ConfigServerBridge> {
      if (bridge) return bridge;
      const password = gaxPassword ?? (await openSecret(db, gaxPasswordRef(tenant.deployment.id)));
      if (!password)
        throw new AppError(
          "precondition_failed",
          `The GAX password of deployment "${tenant.deployment.name}" is not stored; enter it again on the deployment.`,
        );
      await assertOutboundUrl(tenant.deployment.gaxBaseUrl, "gaxBaseUrl");
      bridge = deploymentBridge(tenant.deployment, password, options.gax);
      return bridge;
    },
    async close(): Promise<void> {
      await bridge?.close().catch(() => undefined);
    },
  };
}

export type Connections = ReturnType<typeof openConnections>;
