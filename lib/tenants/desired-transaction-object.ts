import { DesiredObjectInputError, type DesiredHybridIntegration } from "@/lib/config-server/desired-object";
import type { DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import {
  unmetDependencies,
  tenantSecretRef,
  readStepStates,
  buildHybridIntegration,
  transactionObjectStep,
} from "@/lib/provisioning";
import type { TenantView } from "@/lib/provisioning";
import { openSecret } from "@/lib/secrets/store";

type DesiredTransactionObject =
  | { ready: true; targetTenant: string; desired: DesiredHybridIntegration }
  | { ready: false; waitingFor: { key: string; title: string }[]; problem: string };

/**
 * hybrid_integration as the transaction-object step would write it, built by that step's own builder from the outputs
 * of the done steps and the tenant's sealed secrets. Values are real (secrets too): callers mask them before anything
 * leaves the server.
 */
export async function desiredTransactionObject(db: DbTx, tenant: TenantView): Promise<DesiredTransactionObject> {
  const step = transactionObjectStep;
  const { done } = await readStepStates(db, tenant.id);
  const waitingFor = unmetDependencies(step, tenant, done).map(({ key, title }) => ({ key, title }));
  const input = step.input.safeParse(step.inputFrom({ tenant, outputs: done }));
  if (waitingFor.length > 0 || !input.success) {
    const problem =
      waitingFor.length > 0
        ? `The object is built from the results of earlier steps: apply ${waitingFor.map((dependency) => `"${dependency.title}"`).join(", ")} first.`
        : `The object cannot be built yet: ${input.error!.issues.map((issue) => `${issue.path.join(".") || "input"} ${issue.message}`).join("; ")}.`;
    return { ready: false, waitingFor, problem };
  }
  try {
    const desired = await buildHybridIntegration({
      input: input.data,
      tenant,
      secret: (purpose) => openSecret(db, tenantSecretRef(tenant.id, purpose)),
    });
    return { ready: true, targetTenant: input.data.targetTenant, desired };
  } catch (error) {
    if (error instanceof AppError || error instanceof DesiredObjectInputError)
      return { ready: false, waitingFor: [], problem: error.message };
    throw error;
  }
}
