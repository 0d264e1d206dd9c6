// The fewest calls the procedure needs to provision one fresh tenant (Agent Pacing and Predictive Engagement on,
// separate ewt client, no additional admin users), and why each is needed.
const genesysApi: [number, string][] = [
  [1, "read the org (step 1)"],
  [1, "list the org's OAuth clients once, to find clients created before (steps 2-4)"],
  [2, "find the admin role and the Home division (step 2)"],
  [3, "create the three clients (steps 2-4)"],
  [1, "list identity providers: no other provider may use the issuer (step 6)"],
  [1, "PUT the PureEngage provider (step 6)"],
  [2, "read and write the employee role (step 7)"],
  [1, "GET /api/v2/organizations/me with the SAML2 bearer token (step 12)"],
];
const tokens: [number, string][] = [
  [1, "bootstrap client token"],
  [1, "SAML2 bearer exchange (step 12)"],
];
const gax: [number, string][] = [
  [1, "sign in"],
  [1, "find the tenant"],
  [1, "find its Transactions folder"],
  [1, "look for hybrid_integration by name"],
  [1, "create hybrid_integration"],
  [2, "sign in as the tenant's sample agent and read hybrid_integration (step 10)"],
];

const sum = (items: [number, string][]) => items.reduce((total, [n]) => total + n, 0);

export const MINIMUM_CALLS = { api: sum(genesysApi), token: sum(tokens), gax: sum(gax), total: sum(genesysApi) + sum(tokens) + sum(gax) };

export function describeMinimum(): string {
  const list = (items: [number, string][]) => items.map(([n, why]) => `${n} ${why}`).join("; ");
  return [
    `minimum per tenant ${MINIMUM_CALLS.total}: Platform API ${MINIMUM_CALLS.api} (${list(genesysApi)}),`,
    `  token ${MINIMUM_CALLS.token} (${list(tokens)}), GAX ${MINIMUM_CALLS.gax} (${list(gax)})`,
  ].join("\n");
}
