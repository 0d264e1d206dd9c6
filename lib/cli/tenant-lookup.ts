import type { DbTx } from "@/lib/db/client";
import { CliFailure } from "./errors";

/** Finds a tenant by its Configuration Server tenant name or its org short name, optionally within one deployment. */
export async function findTenantByName(db: DbTx, name: string, deploymentName?: string) {
  const matches = await db.tenant.findMany({
    where: {
      OR: [
        { cfgTenantName: { equals: name, mode: "insensitive" } },
        { orgShortName: { equals: name, mode: "insensitive" } },
      ],
      ...(deploymentName ? { deployment: { name: deploymentName } } : {}),
    },
    select: { id: true, cfgTenantName: true, deployment: { select: { name: true } } },
  });
  if (matches.length === 0)
    throw new CliFailure(
      `no tenant named "${name}"${deploymentName ? ` in deployment "${deploymentName}"` : ""} (see cli tenants list)`,
    );
  if (matches.length > 1) {
    throw new CliFailure(
      `"${name}" names tenants in several deployments (${matches.map((match) => match.deployment.name).join(", ")}): add --deployment NAME`,
    );
  }
  return matches[0]!;
}
