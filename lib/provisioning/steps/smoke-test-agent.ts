// Whom the smoke test signs in as: an existing test agent named in the settings, or a user the identity provider
// auto-provisions on the first sign-in (a side effect said before apply).
import type { GenesysCloudClient } from "@/lib/genesys-cloud";
import { isEmailAddress, samlNameId } from "@/lib/saml/name-id";
import type { TenantView } from "../model/tenant-view";

interface TestAgentInput {
  testUser: string;
  testAgentEmail?: string;
  domainSuffix: string;
}

/** The NameID the smoke test signs in as. */
export function subjectOf(input: TestAgentInput, orgShortName: string): string {
  if (input.testAgentEmail) return input.testAgentEmail;
  return samlNameId(input.testUser, { organizationSname: orgShortName, organizationDomainSuffix: input.domainSuffix });
}

/**
 * Why the named test agent cannot be signed in as (no such user, or not active), or undefined when it can. One exact
 * users search, whatever the size of the org.
 */
export async function testAgentProblem(genesys: GenesysCloudClient, email: string): Promise<string | undefined> {
  const [agent] = await genesys.findUsersByEmail([email]);
  if (!agent) return `no user of the org has the email ${email}`;
  return agent.state && agent.state !== "active" ? `the user ${email} is ${agent.state}` : undefined;
}

/** The static side effect: the identity provider auto-provisions the test user, unless an existing agent is named. */
export function testUserSideEffects(tenant: TenantView): string[] {
  const { smokeTestAgentEmail, smokeTestUser, domainSuffix } = tenant.settings;
  if (smokeTestAgentEmail) return [];
  const shortName = tenant.org?.shortName;
  const nameId =
    isEmailAddress(smokeTestUser) || shortName
      ? subjectOf({ testUser: smokeTestUser, domainSuffix }, shortName ?? "")
      : `${smokeTestUser}@<org short name>.${domainSuffix}`;
  return [
    `The smoke test signs in to Genesys Cloud as ${nameId}: if no such user exists, the identity provider creates it ` +
      "in the org (auto-provisioning, with the employee role), a real user of the customer's org. To sign in as an " +
      "existing test agent instead, set the tenant setting smokeTestAgentEmail to that agent's email.",
  ];
}
