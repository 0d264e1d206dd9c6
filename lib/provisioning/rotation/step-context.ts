import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { openSecret } from "@/lib/secrets/store";
import { applicableStepRefs } from "../catalogue";
import type { Connections } from "../engine/connections";
import { parseInput } from "../model/parse-input";
import { DEFAULT_PROPAGATION_WINDOW_MS } from "../model/propagation";
import { lastChangedAt } from "../engine/recent-changes";
import { tenantSecretRef } from "../model/secret-refs";
import { readStepStates } from "../engine/step-states";
import type { Step, StepContext, StepOutputs } from "../model/step";
import { NEXT_SAML_SECRETS, SAML_SECRETS, type CertificateOutputs } from "../steps/saml-key-material";
import type { TenantView } from "../model/tenant-view";
import { SAML_KEY_MATERIAL } from "../model/step-keys";

const unavailable = (): never => {
  throw new AppError(
    "precondition_failed",
    "A certificate rotation creates no Genesys Cloud objects and reads no other tenant.",
  );
};

/** The current purposes of the key material, read from the next ones: steps then work with the new key unchanged. */
const nextPurposeOf: Record<string, string> = {
  [SAML_SECRETS.privateKey]: NEXT_SAML_SECRETS.privateKey,
  [SAML_SECRETS.keyPassword]: NEXT_SAML_SECRETS.keyPassword,
  [SAML_SECRETS.encryptedKey]: NEXT_SAML_SECRETS.encryptedKey,
};

interface RotationStepSetting {
  db: Db;
  tenant: TenantView;
  connections: Connections;
  propagationWindowMs?: number;
}

/**
 * A catalogue step's context for one rotation stage: its input from the outputs of the done steps, and with
 * `withKey: "next"` the new key material in place of the current one (outputs and sealed secrets alike).
 */
export async function rotationStepContext<Input, Manual>(
  setting: RotationStepSetting,
  step: Step<Input, Manual>,
  withKey: "current" | { next: CertificateOutputs },
): Promise<StepContext<Input>> {
  const { db, tenant, connections } = setting;
  const { done, previousOf } = await readStepStates(db, tenant.id);
  const outputs: Record<string, StepOutputs> =
    withKey === "current" ? done : { ...done, [SAML_KEY_MATERIAL]: withKey.next };
  const purposeOf = (purpose: string) => (withKey === "current" ? purpose : (nextPurposeOf[purpose] ?? purpose));
  // No rotation stage creates objects or reads other tenants; those members refuse.
  const context: StepContext<Input> = {
    input: parseInput(step.input, step.inputFrom({ tenant, outputs }), `input of "${step.title}"`),
    tenant,
    previous: previousOf(step.key),
    genesys: connections.genesys,
    genesysAs: connections.genesysAs,
    bridge: connections.bridge,
    secret: (purpose: string) => openSecret(db, tenantSecretRef(tenant.id, purposeOf(purpose))),
    peerStates: async () => unavailable(),
    beforeCreate: async () => unavailable(),
    afterCreate: async () => unavailable(),
    applicableSteps: () => applicableStepRefs(tenant),
    propagation: {
      windowMs: setting.propagationWindowMs ?? DEFAULT_PROPAGATION_WINDOW_MS,
      lastChangedAt: (stepKeys) => lastChangedAt(db, tenant.id, stepKeys),
    },
  };
  return context;
}
