// Public surface of the Genesys Cloud client.
export {
  createGenesysCloudClient,
  type GenesysCloudClient,
  type GenesysCloudClientOptions,
  type GenesysCloudCredentials,
  type GenesysCloudTarget,
} from "./client";
export { GenesysCloudError, isGenesysCloudError } from "./errors";
export { withReadCache } from "./read-cache";
export { GENESYS_CLOUD_REGIONS, GENESYS_CLOUD_PORT, findRegion } from "./regions";
export { OrgRateLimiter } from "./rate-limiter";
export { TokenCache } from "./token-cache";
export type { CallRecord } from "./transport";
export { type GrantType, type OAuthClient, type OAuthClientRequest } from "./endpoints/oauth-clients";
export type { Role, RoleUpdate, PermissionPolicy } from "./endpoints/roles";
export { sameCertificate, type PureEngageProvider, type PureEngageRequest } from "./endpoints/identity-providers";
export type { User } from "./endpoints/users";
export type { Subject } from "./endpoints/authorization-subjects";
export type { RoleDivision } from "./endpoints/paging";
