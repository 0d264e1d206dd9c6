// What browser code may use of provisioning: constants and pure functions without server imports.
export { ROTATION_STAGES, ROTATION_STEP_KEY, rotationStageInfo } from "./rotation/stages";
export {
  ADMIN_USERS,
  CLIENT_CREDENTIALS_CLIENT,
  CONNECT_ORG,
  EMPLOYEE_ROLE,
  EWT_CLIENT,
  IDENTITY_PROVIDER,
  NETWORK_ALLOW_LIST,
  SAML2_BEARER_CLIENT,
  SAML_KEY_MATERIAL,
  SMOKE_TEST,
  TENANT_ISOLATION,
  TRANSACTION_OBJECT,
} from "./model/step-keys";
export { DEFAULT_SERVICES, SERVICES } from "./model/services";
export type { ServiceKey } from "./model/services";
