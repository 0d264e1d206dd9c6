// What browser code may use of provisioning: constants and pure functions without server imports.
export { ROTATION_STAGES, ROTATION_STEP_KEY, rotationStageInfo } from "./rotation/stages";
export * from "./model/step-keys";
export { DEFAULT_SERVICES, isServiceKey, SERVICES } from "./model/services";
export type { ServiceKey } from "./model/services";
