import type { ConfigServerBridge, HybridIntegrationPlan } from "@/lib/config-server/bridge";
import { DesiredObjectInputError, type DesiredHybridIntegration } from "@/lib/config-server/desired-object";
import type { DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { findStep } from "@/lib/provisioning/catalogue";
import { tenantSecretRef } from "@/lib/provisioning/secret-refs";
import type { StepContext, StepOutputs } from "@/lib/provisioning/step";
import { TRANSACTION_OBJECT } from "@/lib/provisioning/steps/transaction-object";
import type { TenantView } from "@/lib/provisioning/tenant-view";
import { openSecret } from "@/lib/secrets/store";

export type DesiredTransactionObject =
  | { ready: true; targetTenant: string; desired: DesiredHybridIntegration }
  | { ready: false; waitingFor: { key: string; title: string }[]; problem: string };

const unavailable = () => {
  throw new AppError("precondition_failed", "Building the transaction object needs no Genesys Cloud call.");
};

/**
 * hybrid_integration as the transaction-object step would write it, built by that step itself from the outputs of
 * the done steps and the tenant's sealed secrets. The step's plan is given a bridge that only records what it is
 * asked to compare, so nothing is sent anywhere and the object is exactly the step's. Values are real (secrets too):
 * callers mask them before anything leaves the server.
 */
export async function desiredTransactionObject(db: DbTx, tenant: TenantView): Promise<DesiredTransactionObject> {
  const step = findStep(TRANSACTION_OBJECT)!;
  const done = await db.stepState.findMany({ where: { tenantId: tenant.id, status: "done" }, select: { stepKey: true, outputs: true } });
  const outputs = Object.fromEntries(done.map((state) => [state.stepKey, state.outputs as StepOutputs]));
  const waitingFor = step.dependsOn
    .map((key) => findStep(key))
    .filter((dependency) => dependency !== undefined && (!dependency.appliesTo || dependency.appliesTo(tenant)) && !(dependency.key in outputs))
    .map((dependency) => ({ key: dependency!.key, title: dependency!.title }));
  const input = step.input.safeParse(step.inputFrom({ tenant, outputs }));
  if (waitingFor.length > 0 || !input.success) {
    const problem = waitingFor.length > 0
      ? `The object is built from the results of earlier steps: apply ${waitingFor.map((dependency) => `"${dependency.title}"`).join(", ")} first.`
      : `The object cannot be built yet: ${input.error!.issues.map((issue) => `${issue.path.join(".") || "input"} ${issue.message}`).join("; ")}.`;
    return { ready: false, waitingFor, problem };
  }

  let captured: { targetTenant: string; desired: DesiredHybridIntegration } | undefined;
  const recorder: Pick<ConfigServerBridge, "planHybridIntegration"> = {
    async planHybridIntegration(targetTenant, desired): Promise<HybridIntegrationPlan> {
      captured = { targetTenant, desired };
      return { tenant: { dbid: "", name: targetTenant }, action: "none", add: [], change: [], keep: [], foreign: [], attributeChanges: [] };
    },
  };
  const context: StepContext<unknown> = {
    input: input.data,
    tenant,
    previous: null,
    genesys: unavailable,
    genesysAs: unavailable,
    bridge: async () => recorder as ConfigServerBridge,
    secret: (purpose) => openSecret(db, tenantSecretRef(tenant.id, purpose)),
    peerStates: async () => [],
    beforeCreate: async () => unavailable(),
    afterCreate: async () => unavailable(),
  };
  try {
    await step.plan(context);
  } catch (error) {
    if (error instanceof AppError || error instanceof DesiredObjectInputError) return { ready: false, waitingFor: [], problem: error.message };
    throw error;
  }
  if (!captured) throw new Error(`The "${TRANSACTION_OBJECT}" step planned without asking the bridge to compare hybrid_integration.`);
  return { ready: true, ...captured };
}
