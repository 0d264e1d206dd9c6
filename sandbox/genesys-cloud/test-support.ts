// Helpers for tests that talk to a real sandbox over HTTP.
import {
  bootstrapClientOf,
  defaultGenesysSeed,
  startGenesysCloudSandbox,
  type GenesysSandboxOptions,
  type RunningGenesysSandbox,
} from "./index";
import { assertionXml, signAssertion } from "./saml-test-fixture";

export const ACME = bootstrapClientOf(defaultGenesysSeed, "acme-eu");
export const GLOBEX = bootstrapClientOf(defaultGenesysSeed, "globex-us");
export const acmeOrg = defaultGenesysSeed.orgs[0]!;
export const acmeAuditor = { clientId: acmeOrg.oauthClients[1]!.id, clientSecret: acmeOrg.oauthClients[1]!.secret };

export async function withSandbox(options: GenesysSandboxOptions = {}): Promise<RunningGenesysSandbox> {
  return startGenesysCloudSandbox({ port: 0, ...options });
}

function basic(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;
}

export async function postToken(
  url: string,
  { clientId, clientSecret, form }: { clientId: string; clientSecret: string; form: Record<string, string> },
) {
  const response = await fetch(`${url}/oauth/token`, {
    method: "POST",
    headers: { Authorization: basic(clientId, clientSecret), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

export async function tokenFor(url: string, client: { clientId: string; clientSecret: string }): Promise<string> {
  const { status, body } = await postToken(url, {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    form: { grant_type: "client_credentials" },
  });
  if (status !== 200) throw new Error(`token request failed: ${status} ${JSON.stringify(body)}`);
  return body.access_token as string;
}

export async function api(
  url: string,
  token: string,
  { method, path, body }: { method: string; path: string; body?: unknown },
) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : undefined) as Record<string, unknown>,
  };
}

export const SAML2_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:saml2-bearer";
const TEST_ISSUER = "https://gws.acme.example.test/saml";

/** Signs a base64 assertion for the issuer with the key (the identity provider must trust its certificate). */
export function signedAssertion(key: { privateKeyPem: string }, nameId: string, issuer = TEST_ISSUER): string {
  return Buffer.from(signAssertion(assertionXml({ issuer, nameId }), key.privateKeyPem), "utf8").toString("base64");
}

/**
 * A user token of acme-eu through the SAML2 bearer grant: puts the PureEngage provider with the key's certificate,
 * creates a SAML2 bearer client with the given scopes, and exchanges an assertion for `nameId`.
 */
export async function samlUserToken(
  url: string,
  adminToken: string,
  { key, scope, nameId }: { key: { certificatePem: string; privateKeyPem: string }; scope: string[]; nameId: string },
) {
  const providerBody = { issuerURI: TEST_ISSUER, certificate: key.certificatePem, autoProvisionUsers: true };
  const provider = await api(url, adminToken, {
    method: "PUT",
    path: "/api/v2/identityproviders/pureengage",
    body: providerBody,
  });
  if (provider.status !== 200) throw new Error(`putting the provider failed: ${JSON.stringify(provider.body)}`);
  const clientBody = { name: "GWS SAML", authorizedGrantType: "SAML2-BEARER", scope };
  const client = await api(url, adminToken, { method: "POST", path: "/api/v2/oauth/clients", body: clientBody });
  if (client.status !== 200) throw new Error(`creating the SAML client failed: ${JSON.stringify(client.body)}`);
  const [clientId, clientSecret] = [client.body.id as string, client.body.secret as string];
  const form = { grant_type: SAML2_BEARER_GRANT, orgName: "acme-eu", assertion: signedAssertion(key, nameId) };
  const { status, body } = await postToken(url, { clientId, clientSecret, form });
  if (status !== 200) throw new Error(`the SAML2 bearer exchange failed: ${status} ${JSON.stringify(body)}`);
  return { token: body.access_token as string, clientId, clientSecret };
}

/**
 * A role policy with every field Genesys Cloud may put on one: limited to one team by named resources and a
 * condition the sandbox does not evaluate, and a field neither the sandbox nor the product knows.
 */
export const conditionalPolicy = {
  domain: "directory",
  entityName: "user",
  actionSet: ["edit"],
  policyName: "Edit own team",
  namedResources: ["team-7"],
  allowConditions: true,
  resourceConditionNode: {
    conjunction: "AND",
    terms: [{ variableName: "Team.id", operator: "EQ", operands: [{ type: "SCALAR", value: "7" }] }],
  },
  futureField: { kept: true },
};
