// createGenesysCloudClient: typed, paced, retrying access to one Genesys Cloud org.
import { authorizationSubjectEndpoints } from "./endpoints/authorization-subjects";
import { divisionEndpoints } from "./endpoints/divisions";
import { identityProviderEndpoints } from "./endpoints/identity-providers";
import { journeyEndpoints } from "./endpoints/journey";
import { oauthClientEndpoints } from "./endpoints/oauth-clients";
import { organizationEndpoints } from "./endpoints/organization";
import { roleEndpoints } from "./endpoints/roles";
import { userEndpoints } from "./endpoints/users";
import { OrgRateLimiter, sharedOrgRateLimiter } from "./rate-limiter";
import { baseUrlsForRegion, type GenesysCloudBaseUrls } from "./regions";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy";
import { sharedTokenCache, type TokenCache } from "./token-cache";
import { requestToken, SAML2_BEARER_GRANT, type ClientCredentials, type TokenResponse } from "./token-endpoint";
import { Transport, type CallRecord } from "./transport";

/** A region id from the region table, or explicit base URLs (sandbox, corporate proxy). */
export type GenesysCloudTarget = { region: string } | GenesysCloudBaseUrls;

/** Client credentials (tokens fetched and cached), or an access token obtained elsewhere (e.g. a SAML2 bearer exchange). */
export type GenesysCloudCredentials = ClientCredentials | { accessToken: string };

export interface GenesysCloudClientOptions {
  /** The org's API limit per token until the `inin-ratelimit-allowed` header says otherwise (default 300/min). */
  rateLimitPerMinute?: number;
  /** Share of the limit the limiter uses (default 0.97). */
  rateLimitHeadroom?: number;
  /** Calls in flight at once for this org (default 8). */
  maxConcurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** Limiter shared by every client of the same org; by default one per (API base URL, client id) in this process. */
  limiter?: OrgRateLimiter;
  tokenCache?: TokenCache;
  /** Called once per API call with its status and ININ-Correlation-Id, e.g. for the audit log. */
  onCall?: (record: CallRecord) => void;
}

interface SamlAssertionExchange {
  clientId: string;
  clientSecret: string;
  /** The org short name (`thirdPartyOrgName`). */
  orgName: string;
  /** Base64 of the signed SAML assertion XML. */
  assertionBase64: string;
}

function resolveTarget(target: GenesysCloudTarget): GenesysCloudBaseUrls {
  const urls = "region" in target ? baseUrlsForRegion(target.region) : target;
  for (const field of ["loginBaseUrl", "apiBaseUrl"] as const) {
    let url: URL;
    try {
      url = new URL(urls[field]);
    } catch {
      throw new Error(`${field}: must be an absolute http(s) URL (got "${urls[field]}")`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:")
      throw new Error(`${field}: must use http or https (got ${url.protocol})`);
  }
  return { loginBaseUrl: urls.loginBaseUrl.replace(/\/+$/, ""), apiBaseUrl: urls.apiBaseUrl.replace(/\/+$/, "") };
}

function checkCredentials(credentials: GenesysCloudCredentials): void {
  if ("accessToken" in credentials) {
    if (!credentials.accessToken) throw new Error("accessToken: must not be empty");
    return;
  }
  if (!credentials.clientId?.trim()) throw new Error("clientId: must not be empty");
  if (!credentials.clientSecret) throw new Error("clientSecret: must not be empty");
}

export function createGenesysCloudClient(
  target: GenesysCloudTarget,
  credentials: GenesysCloudCredentials,
  options: GenesysCloudClientOptions = {},
) {
  const urls = resolveTarget(target);
  checkCredentials(credentials);
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const tokenCache = options.tokenCache ?? sharedTokenCache;
  const identity = "accessToken" in credentials ? "bearer" : credentials.clientId;
  const limiter =
    options.limiter ??
    sharedOrgRateLimiter(`${urls.apiBaseUrl}|${identity}`, {
      allowedPerWindow: options.rateLimitPerMinute,
      headroom: options.rateLimitHeadroom,
      maxConcurrency: options.maxConcurrency,
    });
  const tokenKey = `${urls.loginBaseUrl}|${identity}`;

  const clientCredentialsToken = (creds: ClientCredentials): Promise<TokenResponse> =>
    requestToken({
      loginBaseUrl: urls.loginBaseUrl,
      credentials: creds,
      form: { grant_type: "client_credentials" },
      operation: "sign in with client credentials",
      policy,
    });

  const getAccessToken = (): Promise<string> =>
    "accessToken" in credentials
      ? Promise.resolve(credentials.accessToken)
      : tokenCache.get(tokenKey, () => clientCredentialsToken(credentials));

  const transport = new Transport({
    apiBaseUrl: urls.apiBaseUrl,
    limiter,
    policy,
    getToken: getAccessToken,
    invalidateToken: (token) => tokenCache.invalidate(tokenKey, token),
    onCall: options.onCall,
  });

  return {
    baseUrls: urls,
    /** A cached client-credentials token (renewed ahead of expiry, one request at a time). */
    getAccessToken,
    /** A fresh client-credentials token for any client of this org (not cached). */
    exchangeClientCredentials: clientCredentialsToken,
    /** SAML2 bearer grant: a signed assertion from the org's PureEngage provider for a user token. */
    exchangeSamlAssertion: (exchange: SamlAssertionExchange): Promise<TokenResponse> =>
      requestToken({
        loginBaseUrl: urls.loginBaseUrl,
        credentials: { clientId: exchange.clientId, clientSecret: exchange.clientSecret },
        form: { grant_type: SAML2_BEARER_GRANT, orgName: exchange.orgName, assertion: exchange.assertionBase64 },
        operation: "exchange a SAML assertion for a token",
        policy,
      }),
    ...organizationEndpoints(transport),
    ...oauthClientEndpoints(transport),
    ...roleEndpoints(transport),
    ...divisionEndpoints(transport),
    ...identityProviderEndpoints(transport),
    ...userEndpoints(transport),
    ...authorizationSubjectEndpoints(transport),
    ...journeyEndpoints(transport),
  };
}

export type GenesysCloudClient = ReturnType<typeof createGenesysCloudClient>;
