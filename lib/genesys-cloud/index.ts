// Public surface of the Genesys Cloud client.
export { createGenesysCloudClient, type GenesysCloudClient, type GenesysCloudClientOptions, type GenesysCloudCredentials, type GenesysCloudTarget, type SamlAssertionExchange } from "./client";
export { GenesysCloudError, isGenesysCloudError } from "./errors";
export { withReadCache } from "./read-cache";
export { GENESYS_CLOUD_REGIONS, GENESYS_CLOUD_PORT, baseUrlsForRegion, findRegion, findRegionByDomain, type GenesysCloudRegion } from "./regions";
export { OrgRateLimiter, type RateLimiterOptions } from "./rate-limiter";
export { TokenCache } from "./token-cache";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy";
export type { CallRecord } from "./transport";
export type { TokenResponse, ClientCredentials } from "./token-endpoint";
export type { Organization } from "./endpoints/organization";
export { GRANT_TYPES, type GrantType, type OAuthClient, type OAuthClientRequest, type OAuthClientWithSecret } from "./endpoints/oauth-clients";
export type { Role, RoleQuery, RoleUpdate, PermissionPolicy } from "./endpoints/roles";
export type { Division } from "./endpoints/divisions";
export { sameCertificate, type IdentityProvider, type PureEngageProvider, type PureEngageRequest } from "./endpoints/identity-providers";
export type {
  User,
  CreateUserRequest,
  UserQuery,
  UserSearchCriterion,
  UserSearchRequest,
  UsersSearchResponse,
} from "./endpoints/users";
export type { Subject } from "./endpoints/authorization-subjects";
export type { ActionMap, ActionMapQuery } from "./endpoints/journey";
export type { Page, RoleDivision } from "./endpoints/paging";
