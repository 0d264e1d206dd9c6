export { authenticateApiToken, type ApiCaller } from "./authenticate-token";
export { apiTokenListFields, createApiToken, listApiTokens, revokeApiToken, type ApiTokenRow } from "./manage-tokens";
export { createApiTokenInput, maxTokenExpiryDays, type CreateApiTokenInput } from "./schemas";
export { apiTokenPrefix, hashApiToken } from "./token-secret";
