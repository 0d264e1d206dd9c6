import type { DbTx } from "@/lib/db/client";
import { ISOLATION_AGENT_PASSWORD, TENANT_ISOLATION, tenantSecretRef } from "@/lib/provisioning";
import type { SecretRef } from "@/lib/secrets/store";
import type { SampleAgent } from "./validate-fleet";

type Placed = { tenantId: string; agent: SampleAgent };

/** Where the isolation step keeps an agent entered by hand: its outputs, and the password sealed under its purpose. */
const outputsOf = (agent: SampleAgent) => ({
  agentUsername: agent.username,
  passwordIsEncrypted: agent.passwordIsEncrypted,
});
const sealingOf = ({ tenantId, agent }: Placed): { ref: SecretRef; value: string } => ({
  ref: tenantSecretRef(tenantId, ISOLATION_AGENT_PASSWORD),
  value: agent.password,
});

/**
 * Stores the sample agents of new tenants as the isolation step finds an entered one, still pending: their next
 * apply checks them (the import signs in nowhere). One statement; the passwords are returned for sealing.
 */
export async function storeNewSampleAgents(tx: DbTx, placed: Placed[]) {
  await tx.stepState.createMany({
    data: placed.map(({ tenantId, agent }) => ({ tenantId, stepKey: TENANT_ISOLATION, outputs: outputsOf(agent) })),
  });
  return placed.map(sealingOf);
}

/** Replaces a tenant's sample agent; the check it passed with the old one no longer stands, so the step is pending. */
export async function replaceSampleAgent(tx: DbTx, placed: Placed) {
  const outputs = outputsOf(placed.agent);
  await tx.stepState.upsert({
    where: { tenantId_stepKey: { tenantId: placed.tenantId, stepKey: TENANT_ISOLATION } },
    create: { tenantId: placed.tenantId, stepKey: TENANT_ISOLATION, outputs },
    update: { outputs, status: "pending", verifyStatus: null },
  });
  return sealingOf(placed);
}
