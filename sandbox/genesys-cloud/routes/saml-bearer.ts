// The SAML2 bearer grant: a signed assertion from the org's PureEngage provider becomes a user token.
import { randomUUID } from "node:crypto";
import { TokenError } from "../http/errors";
import { inEffect } from "../propagation";
import { AssertionRefused, verifyAssertion, type VerifiedAssertion } from "../saml-assertion";
import {
  findOrgByShortName,
  homeDivision,
  roleByDefaultId,
  type OrgState,
  type SandboxState,
  type StoredClient,
  type StoredUser,
} from "../state";
import { issueToken } from "../tokens";
import { providerCertificates } from "./identity-providers";

/** Allowed difference between the assertion's clock and ours. */
const SAML_CLOCK_SKEW_SECONDS = 60;

const refuse = (reason: string) => new TokenError(400, "invalid_grant", reason);

function decodeBase64(value: string): string {
  const compact = value.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) throw refuse("assertion is not valid base64");
  const xml = Buffer.from(compact, "base64").toString("utf8").trim();
  if (!xml.startsWith("<")) throw refuse("assertion is not valid base64 of an XML document");
  return xml;
}

function checkTimes(assertion: VerifiedAssertion, now: number): void {
  const skew = SAML_CLOCK_SKEW_SECONDS * 1000;
  if (!assertion.notOnOrAfter) throw refuse("assertion Conditions must carry NotOnOrAfter");
  if (assertion.notBefore && now + skew < assertion.notBefore.getTime()) {
    throw refuse(`assertion is not valid yet (NotBefore ${assertion.notBefore.toISOString()})`);
  }
  for (const end of [assertion.notOnOrAfter, assertion.subjectNotOnOrAfter]) {
    if (end && now - skew >= end.getTime()) throw refuse(`assertion has expired (NotOnOrAfter ${end.toISOString()})`);
  }
}

function userFor(org: OrgState, email: string, autoProvision: boolean): StoredUser {
  const existing = [...org.users.values()].find((u) => u.email.toLowerCase() === email.toLowerCase());
  if (existing) {
    if (existing.state !== "active") throw refuse(`user ${email} is ${existing.state}`);
    return existing;
  }
  if (!autoProvision)
    throw refuse(
      `no user with email ${email} in org ${org.thirdPartyOrgName}, and the identity provider does not auto-provision users (autoProvisionUsers is false)`,
    );
  const home = homeDivision(org);
  const employee = roleByDefaultId(org, "employee");
  const user: StoredUser = {
    id: randomUUID(),
    name: email.split("@")[0] ?? email,
    email,
    divisionId: home.id,
    state: "active",
    version: 1,
    grants: employee ? [{ roleId: employee.id, divisionId: home.id, grantMadeAt: new Date().toISOString() }] : [],
  };
  org.users.set(user.id, user);
  return user;
}

export function exchangeSamlAssertion(
  state: SandboxState,
  {
    clientOrg,
    client,
    form,
    now = Date.now(),
  }: { clientOrg: OrgState; client: StoredClient; form: URLSearchParams; now?: number },
) {
  const orgName = form.get("orgName");
  if (!orgName) throw new TokenError(400, "invalid_request", "orgName is required (the org short name)");
  const org = findOrgByShortName(state, orgName);
  if (!org) throw new TokenError(400, "invalid_request", `orgName: no organization with short name "${orgName}"`);
  if (org.id !== clientOrg.id)
    throw new TokenError(400, "unauthorized_client", `the client does not belong to org "${orgName}"`);
  // A provider put or deleted less than the propagation delay ago: the grant still sees the one before.
  const provider = inEffect(org.pureEngage, org.pureEngageChange, now);
  if (!provider) throw refuse(`org "${orgName}" has no PureEngage identity provider`);
  if (provider.disabled) throw refuse(`the PureEngage identity provider of org "${orgName}" is disabled`);
  const encoded = form.get("assertion");
  if (!encoded)
    throw new TokenError(400, "invalid_request", "assertion is required (base64 of the signed SAML assertion)");

  let assertion: VerifiedAssertion;
  try {
    assertion = verifyAssertion(decodeBase64(encoded), providerCertificates(provider));
  } catch (error) {
    if (error instanceof AssertionRefused) throw refuse(error.message);
    throw error;
  }
  if (assertion.issuer !== provider.issuerURI) {
    throw refuse(
      `assertion Issuer "${assertion.issuer}" does not equal the identity provider's issuerURI "${provider.issuerURI}"`,
    );
  }
  checkTimes(assertion, now);
  if (!/^[^@\s]+@[^@\s]+$/.test(assertion.nameId))
    throw refuse(`assertion NameID "${assertion.nameId}" is not an email address`);
  const user = userFor(org, assertion.nameId, provider.autoProvisionUsers);
  return issueToken(state, { orgId: org.id, subject: { kind: "user", userId: user.id, clientId: client.id }, client });
}
