// What other folders use of provisioning; everything else in this folder is internal to it.
export { applicableStepRefs, catalogue, describeCatalogue, findStep, unmetDependencies } from "./catalogue";
export type { AnyStep } from "./catalogue";
export { deploymentBridge, openConnections } from "./engine/connections";
export type { ConnectionOptions } from "./engine/connections";
export { applyTenant, completeStepManually, planTenant, runTenant } from "./engine/engine";
export type { RunReport, RunRequest, StepReport } from "./engine/engine";
export type { RunStatus } from "./engine/engine-types";
export { cancelRun, failRunBeforeStart, isStillQueued, noteRunWaiting, queueRuns } from "./engine/queued-runs";
export type { QueuedRun } from "./engine/queued-runs";
export { describeFailure } from "./engine/failures";
export { tenantTarget } from "./engine/run-records";
export type { RunMode } from "./engine/run-records";
export { readStepStates } from "./engine/step-states";
export {
  DETECT_OBJECT_TENANT,
  objectTenantChoiceSchema,
  objectTenantWarning,
  resolveObjectTenant,
} from "./model/object-tenant";
export type { ObjectTenantChoice } from "./model/object-tenant";
export { BOOTSTRAP_SECRET, gaxPasswordRef, tenantSecretRef } from "./model/secret-refs";
export * from "./model/step-keys";
export { tenantSettingsSchema } from "./model/settings";
export { SERVICES } from "./model/services";
export { PHASES } from "./model/step";
export { conditionHolds, conditionSql, conditionWhere } from "./model/step-condition";
export type { FieldDifference, Phase, StepPlan } from "./model/step";
export { loadTenantView, tenantLabel } from "./model/tenant-view";
export type { TenantView } from "./model/tenant-view";
export { preflightBootstrapClient, preflightPassed, preflightProblems, preflightRemedy } from "./preflight/preflight";
export type { PreflightReport } from "./preflight/preflight";
export { createDeployment, deploymentInputSchema, validateDeploymentInput } from "./registration/deployments";
export {
  checkDeploymentConnection,
  deleteDeployment,
  deploymentUpdateSchema,
  registerDeployment,
  updateDeployment,
} from "./registration/deployment-changes";
export type { DeploymentUpdate } from "./registration/deployment-changes";
export { testGaxConnection } from "./registration/gax-connection";
export type { GaxConnectionCheck } from "./registration/gax-connection";
export { deleteTenant, tenantUpdateInput, tenantUpdateSchema, updateTenant } from "./registration/tenant-changes";
export type { TenantUpdate } from "./registration/tenant-changes";
export { validateTenantInput } from "./registration/tenant-validation";
export type { DeploymentInput } from "./registration/deployments";
export { chooseObjectTenant, detectObjectTenant } from "./registration/object-tenant-setting";
export { prepareSamlKey } from "./registration/prepared-key";
export { createTenant, tenantInputSchema } from "./registration/tenants";
export { discoverTenants, SINGLE_TENANT_DISCOVERY_NOTE } from "./registration/tenant-discovery";
export type { AbsentTenant, PresentTenant, TenantDiscovery } from "./registration/tenant-discovery";
export { currentKeyMaterial } from "./rotation/records";
export type { StageRecords } from "./rotation/records";
export { rotateCertificate } from "./rotation/rotate";
export type { RotationReport } from "./rotation/rotate";
export { ROTATION_STAGES, ROTATION_STEP_KEY, rotationStageInfo, stageIndex } from "./rotation/stages";
export type { RotationPosition, RotationStage } from "./rotation/stages";
export { networkAllowListStep } from "./steps/network-allow-list";
export { keyMaterialOutputsSchema, PREPARED_SAML_KEY } from "./steps/saml-key-material";
export { buildHybridIntegration, transactionObjectStep } from "./steps/transaction-object";
export { ISOLATION_AGENT_PASSWORD } from "./steps/tenant-isolation";
