import type { Step, StepOutputs } from "./model/step";
import { adminUsersStep } from "./steps/admin-users";
import { clientCredentialsClientStep } from "./steps/client-credentials-client";
import { connectOrgStep } from "./steps/connect-org";
import { employeeRoleStep } from "./steps/employee-role";
import { ewtClientStep } from "./steps/ewt-client";
import { identityProviderStep } from "./steps/identity-provider";
import { networkAllowListStep } from "./steps/network-allow-list";
import { samlKeyMaterialStep } from "./steps/saml-key-material";
import { saml2BearerClientStep } from "./steps/saml2-bearer-client";
import { smokeTestStep } from "./steps/smoke-test";
import { tenantIsolationStep } from "./steps/tenant-isolation";
import { transactionObjectStep } from "./steps/transaction-object";
import { conditionHolds } from "./model/step-condition";
import type { TenantView } from "./model/tenant-view";

export type AnyStep = Step<unknown, unknown>;

/** Every step in the order a tenant is provisioned; each step's dependencies come before it. */
export const catalogue: readonly AnyStep[] = [
  connectOrgStep,
  clientCredentialsClientStep,
  ewtClientStep,
  saml2BearerClientStep,
  samlKeyMaterialStep,
  identityProviderStep,
  employeeRoleStep,
  adminUsersStep,
  transactionObjectStep,
  tenantIsolationStep,
  networkAllowListStep,
  smokeTestStep,
];

export function findStep(key: string): AnyStep | undefined {
  return catalogue.find((step) => step.key === key);
}

/** Whether the step applies to the tenant (e.g. the ewt client only with the Agent Pacing Service). */
export const appliesTo = (step: AnyStep, tenant: TenantView) => conditionHolds(step.when, tenant);

/** The steps that apply to the tenant, by key and title, in catalogue order. */
export const applicableStepRefs = (tenant: TenantView) =>
  catalogue.filter((step) => appliesTo(step, tenant)).map(({ key, title }) => ({ key, title }));

/** The step's dependencies that apply to the tenant and are not done yet. */
export function unmetDependencies(
  step: Pick<AnyStep, "dependsOn">,
  tenant: TenantView,
  done: Record<string, StepOutputs>,
): AnyStep[] {
  return step.dependsOn.flatMap((key) => {
    const dependency = findStep(key);
    return dependency && appliesTo(dependency, tenant) && !(key in done) ? [dependency] : [];
  });
}

/** What the UI and CLI list: the catalogue as data, without functions. */
export function describeCatalogue() {
  return catalogue.map(({ key, title, description, phase, dependsOn, manual }) => ({
    key,
    title,
    description,
    phase,
    dependsOn: [...dependsOn],
    manualCompletion: manual ? manual.description : null,
  }));
}
