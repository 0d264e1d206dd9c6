import { Document } from "yaml";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { SERVICES } from "@/lib/provisioning";
import { deploymentEntry, secretReferences } from "./exported-entries";

/** A tenant GAX listed that is not registered yet (tenant discovery). */
export interface DiscoveredTenantEntry {
  name: string;
  dbid: string;
  state: string;
}

const HEADER = [
  "Hybrid Provisioner fleet (docs/fleet.md): tenants found in GAX by discovery, not registered yet.",
  "Fill in each tenant's region (or loginBaseUrl and apiBaseUrl) and bootstrapClientId, and set these variables",
  "before `npm run cli -- import` (or replace the references with the values to upload it on the Deployments page):",
];

/**
 * A fleet file that registers the selected tenants of a deployment: the deployment as registered, each tenant with
 * its Configuration Server name and empty `region` and `bootstrapClientId` for the operator to complete (an import
 * refuses them empty, naming the line), and every secret as an environment variable reference.
 */
export async function discoveredFleetYaml(
  db: Db,
  { deploymentId, tenants }: { deploymentId: string; tenants: DiscoveredTenantEntry[] },
): Promise<string> {
  const deployment = await db.deployment.findUnique({ where: { id: deploymentId } });
  if (!deployment) throw new AppError("not_found", "This deployment no longer exists.");
  const { variables, secret } = secretReferences();
  const fleet = {
    version: 1,
    deployments: [
      {
        ...deploymentEntry(deployment, secret),
        tenants: tenants.map((tenant) => ({
          cfgTenantName: tenant.name,
          region: "",
          bootstrapClientId: "",
          bootstrapClientSecret: secret("BOOTSTRAP_SECRET", deployment.name, tenant.name),
          services: SERVICES.filter((service) => service.enabledByDefault).map((service) => service.key),
        })),
      },
    ],
  };
  const document = new Document(fleet, { keepSourceTokens: false });
  document.commentBefore = [...HEADER, ...variables.map((name) => `  ${name}`)].map((line) => ` ${line}`).join("\n");
  const entries = document.getIn(["deployments", 0, "tenants"]) as { items: { commentBefore?: string }[] };
  entries.items.forEach((item, index) => {
    const tenant = tenants[index]!;
    item.commentBefore = ` GAX tenant DBID ${tenant.dbid}, ${tenant.state}`;
  });
  return document.toString({ lineWidth: 0 });
}
