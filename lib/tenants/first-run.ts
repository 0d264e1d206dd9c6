import type { DbTx } from "@/lib/db/client";
import { DEMO_DEPLOYMENT_NAME } from "@/lib/demo/demo-names";

/**
 * Which first-run guide the overview shows: "empty" on an installation without tenants (with whether a deployment is
 * registered yet, the step before), "demo" while the demo deployment on the built-in sandboxes is there; else none.
 */
export type FirstRunGuide =
  { kind: "empty"; hasDeployment: boolean } | { kind: "demo"; deploymentId: string; deploymentName: string } | null;

export async function firstRunGuide(db: DbTx): Promise<FirstRunGuide> {
  const [tenants, deployments, demo] = await Promise.all([
    db.tenant.count(),
    db.deployment.count(),
    db.deployment.findFirst({ where: { name: DEMO_DEPLOYMENT_NAME }, select: { id: true, name: true } }),
  ]);
  if (tenants === 0) return { kind: "empty", hasDeployment: deployments > 0 };
  return demo ? { kind: "demo", deploymentId: demo.id, deploymentName: demo.name } : null;
}
