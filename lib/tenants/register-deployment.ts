import type { AuditContext } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { detectObjectTenant, registerDeployment, type DeploymentInput } from "@/lib/provisioning";

/**
 * Registers a deployment as the dashboard's form does: once GAX accepted a sign-in with its settings (or the operator
 * saves anyway); a single-tenant one's tenant is detected at once (it is saved whatever detection says).
 */
export async function registerDeploymentDetected(
  db: Db,
  audit: AuditContext,
  form: DeploymentInput & { saveAnyway?: boolean },
) {
  const { deployment, connection } = await registerDeployment(db, audit, form);
  const single = deployment.layout === "single-tenant";
  const objectTenant = single ? await detectObjectTenant(db, audit, { deploymentId: deployment.id }) : null;
  return { deployment, connection, objectTenant };
}
