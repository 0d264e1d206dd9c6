// The fewest calls the procedure needs to provision one fresh tenant (Agent Pacing and Predictive Engagement on,
// separate ewt client, no additional admin users) in a multi-tenant deployment, and why each is needed.
type Need = [count: number, why: string];

const genesysApi: Need[] = [
  [1, "read the org (step 1)"],
  // The preflight, before anything is written: the bootstrap client's role grants, then its role read by id.
  [2, "read the bootstrap client and its role, to check the permissions the steps need (step 1)"],
  [1, "list the org's OAuth clients once, to find clients created before (steps 2-4)"],
  // One list filtered by defaultRoleId returns both built-in roles the procedure uses.
  [1, "read the admin and employee roles (steps 2, 3 and 7)"],
  [1, "read the Home division (steps 2 and 3)"],
  [3, "create the three clients (steps 2-4)"],
  // The list of providers does not carry a provider's certificate and settings, so the provider is read itself.
  [1, "read the PureEngage provider, so an unchanged one is not written (step 6)"],
  [1, "list identity providers: no other provider may use the issuer (step 6)"],
  [1, "PUT the PureEngage provider (step 6)"],
  // List entries may be abbreviated: the role is read by id before the write and again after it, to prove no loss.
  [2, "read the employee role by id before and after its write (step 7)"],
  [1, "write the employee role (step 7)"],
  [1, "one read inside the SAML2 bearer client's scopes with its token (step 12: GET /api/v2/journey/actionmaps)"],
];
const tokens: Need[] = [
  [1, "bootstrap client token"],
  [1, "SAML2 bearer exchange (step 12)"],
];
const gaxAdmin: Need[] = [
  [1, "sign in"],
  [1, "find the tenant"],
  [1, "find its Transactions folder"],
  [1, "look for hybrid_integration by name"],
  [1, "create hybrid_integration"],
];

const sum = (items: Need[]) => items.reduce((total, [n]) => total + n, 0);

/**
 * Step 10 checks isolation both ways with one agent session: this tenant's sample agent signs in, reads its own
 * Person (it must be a person of this tenant) and reads hybrid_integration (3 calls); the other direction comes from
 * what the other tenants' agents recorded at their own checks, which needs no call. (Before, every other tenant's agent signed in as well: 2 calls per agent of the
 * deployment.) Signing out is not counted: provisioning does not need it (the client signs out so that no session
 * stays open on GAX until it times out).
 */
export function minimumCalls() {
  const agent: Need = [3, "this tenant's sample agent signs in, reads its own Person and hybrid_integration (step 10)"];
  const gax: Need[] = [...gaxAdmin, agent];
  const counts = { api: sum(genesysApi), token: sum(tokens), gax: sum(gax) };
  const list = (items: Need[]) => items.map(([n, why]) => `${n} ${why}`).join("; ");
  return {
    ...counts,
    total: counts.api + counts.token + counts.gax,
    describe: () =>
      [
        `minimum per tenant ${counts.api + counts.token + counts.gax}: Platform API ${counts.api} (${list(genesysApi)}),`,
        `  token ${counts.token} (${list(tokens)}), GAX ${counts.gax} (${list(gax)})`,
      ].join("\n"),
  };
}
