import { stringify } from "yaml";
import type { Db } from "@/lib/db/client";
import type { FleetFile } from "./fleet-schema";
import { ISOLATION_AGENT_PASSWORD, TENANT_ISOLATION } from "@/lib/provisioning";
import { storedAgentUsername } from "./fleet-plan";
import { deploymentEntry, secretReferences } from "./exported-entries";

/** The sample agent the isolation step keeps (entered by hand or imported), when its password is stored. */
function sampleAgentOf(
  tenant: { stepStates: { outputs: unknown }[] },
  { hasPassword, password }: { hasPassword: boolean; password: () => { env: string } },
) {
  const username = storedAgentUsername(tenant);
  if (!username || !hasPassword) return {};
  const outputs = tenant.stepStates[0]!.outputs as { passwordIsEncrypted?: unknown };
  return { sampleAgent: { username, password: password(), passwordIsEncrypted: outputs.passwordIsEncrypted === true } };
}

type ExportedFleet = { version: 1; deployments: Record<string, unknown>[] };

/**
 * The registered fleet in the import format, without secrets: each secret is a reference to the environment variable
 * the export suggests, so importing the export with those variables set changes nothing.
 */
export async function exportFleet(db: Db): Promise<{ fleet: ExportedFleet; secretVariables: string[] }> {
  const deployments = await db.deployment.findMany({
    orderBy: { name: "asc" },
    include: {
      tenants: {
        orderBy: { cfgTenantName: "asc" },
        include: { stepStates: { where: { stepKey: TENANT_ISOLATION } } },
      },
    },
  });
  const agentPasswords = await db.secret.findMany({
    where: { ownerType: "tenant", purpose: ISOLATION_AGENT_PASSWORD },
    select: { ownerId: true },
  });
  const withAgentPassword = new Set(agentPasswords.map((row) => row.ownerId));
  const { variables: secretVariables, secret } = secretReferences();
  const fleet: ExportedFleet = {
    version: 1,
    deployments: deployments.map((deployment) => ({
      ...deploymentEntry(deployment, secret),
      tenants: deployment.tenants.map((tenant) => ({
        cfgTenantName: tenant.cfgTenantName,
        ...(tenant.region ? { region: tenant.region } : {}),
        ...(tenant.loginBaseUrl ? { loginBaseUrl: tenant.loginBaseUrl } : {}),
        ...(tenant.apiBaseUrl ? { apiBaseUrl: tenant.apiBaseUrl } : {}),
        bootstrapClientId: tenant.bootstrapClientId,
        bootstrapClientSecret: secret("BOOTSTRAP_SECRET", deployment.name, tenant.cfgTenantName),
        services: tenant.services,
        settings: tenant.settings,
        ...sampleAgentOf(tenant, {
          hasPassword: withAgentPassword.has(tenant.id),
          password: () => secret("SAMPLE_AGENT_PASSWORD", deployment.name, tenant.cfgTenantName),
        }),
      })),
    })),
  };
  return { fleet, secretVariables };
}

/** The export as YAML, headed by the variables its secrets name. */
export function fleetYaml({ fleet, secretVariables }: { fleet: ExportedFleet | FleetFile; secretVariables: string[] }) {
  const header = [
    "# Hybrid Provisioner fleet (docs/fleet.md). Secrets are not exported: set these variables before importing,",
    ...secretVariables.map((name) => `#   ${name}`),
  ];
  return `${header.join("\n")}\n${stringify(fleet, { lineWidth: 0 })}`;
}
