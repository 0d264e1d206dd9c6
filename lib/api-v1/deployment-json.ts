import type { Prisma } from "@/lib/generated/prisma/client";

/** What the API says of a deployment (never its GAX password, which is sealed elsewhere). */
export const deploymentSelect = {
  id: true,
  name: true,
  layout: true,
  gaxBaseUrl: true,
  gaxUsername: true,
  objectTenant: true,
  connectionOk: true,
  connectionMessage: true,
  connectionCheckedAt: true,
  notes: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { tenants: true } },
} as const satisfies Prisma.DeploymentSelect;

type DeploymentRecord = Prisma.DeploymentGetPayload<{ select: typeof deploymentSelect }>;

export const deploymentJson = ({ _count, ...deployment }: DeploymentRecord) => ({
  ...deployment,
  layout: deployment.layout as "single-tenant" | "multi-tenant",
  connectionCheckedAt: deployment.connectionCheckedAt?.toISOString() ?? null,
  createdAt: deployment.createdAt.toISOString(),
  updatedAt: deployment.updatedAt.toISOString(),
  tenantCount: _count.tenants,
});
