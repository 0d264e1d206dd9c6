import { z } from "zod";
import { AppError } from "@/lib/errors";
import { isGenesysCloudError, type GenesysCloudError } from "@/lib/genesys-cloud";
import { signAssertion } from "@/lib/saml/assertion";
import { readPrivateKey, toPkcs8Pem } from "@/lib/saml/private-key";
import { oauthClientOutputsSchema } from "./oauth-client-step";
import { formatSeconds, retryRefusals, type RetryOutcome } from "../model/propagation";
import { hasService } from "../model/services";
import { defineStep, type FieldDifference, type StepContext } from "../model/step";
import type { TenantView } from "../model/tenant-view";
import { orgOutputsSchema } from "./connect-org";
import { keyMaterialOutputsSchema, SAML_SECRETS } from "./saml-key-material";
import { chooseProbe, type ProbeContext } from "./smoke-probes";
import { subjectOf, testAgentProblem, testUserSideEffects } from "./smoke-test-agent";
import { adviceFor, EXPLAINED_BY, refusalOf, refusedOf, type Refused } from "./smoke-test-refusals";
import {
  EMPLOYEE_ROLE,
  IDENTITY_PROVIDER,
  SAML2_BEARER_CLIENT,
  SAML_KEY_MATERIAL,
  SMOKE_TEST,
  TRANSACTION_OBJECT,
  CONNECT_ORG,
} from "../model/step-keys";

const input = z.object({
  org: orgOutputsSchema,
  keyMaterial: keyMaterialOutputsSchema,
  samlClient: oauthClientOutputsSchema,
  issuerUri: z.string().min(1),
  testUser: z.string().min(1),
  testAgentEmail: z.string().optional(),
  domainSuffix: z.string().min(1),
  scopes: z.array(z.string()),
  predictiveEngagement: z.boolean(),
  employeePermissions: z.array(z.string()),
});
type Input = z.output<typeof input>;

async function sealed(ctx: StepContext<Input>, purpose: string): Promise<string> {
  const value = await ctx.secret(purpose);
  if (!value)
    throw new AppError(
      "precondition_failed",
      `The sealed secret ${purpose} is missing; apply the step that creates it again.`,
    );
  return value;
}

const probeContext = (input: Input): ProbeContext => ({
  orgId: input.org.orgId,
  predictiveEngagement: input.predictiveEngagement,
  employeePermissions: input.employeePermissions,
});

interface SmokeTestOutcome {
  subject: string;
  probe: string | null;
  problems: FieldDifference[];
  /** The operator message when the test failed. */
  failure?: string;
  /** What the test did, for the run's changes and the audit log. */
  did: string;
}

/** Whether a refused SAML2 bearer client is gone or refuses its secret: the next action differs. */
async function clientRefusalCause(ctx: StepContext<Input>, error: GenesysCloudError) {
  if (error.status !== 401) return undefined;
  try {
    await ctx.genesys().getOAuthClient(ctx.input.samlClient.clientId);
    return "secret" as const;
  } catch (lookup) {
    return isGenesysCloudError(lookup) && lookup.status === 404 ? ("deleted" as const) : undefined;
  }
}

/** A refusal as a finding: the differing field, and the operator message with the next action for its cause. */
async function refused(
  ctx: StepContext<Input>,
  { error, waited }: { error: GenesysCloudError; waited?: string },
): Promise<Pick<SmokeTestOutcome, "problems" | "failure">> {
  const refusal = refusalOf(error);
  // Other refusals (e.g. a scope the client lacks) carry their own next action in the refusal.
  const advice = refusedOf(error) ? ` ${adviceFor(error, await clientRefusalCause(ctx, error))}` : "";
  const failure = waited
    ? `The smoke test failed to ${error.operation}, ${waited}: ${refusal}.${advice}`
    : `The smoke test failed to ${error.operation}: ${refusal}${advice ? `.${advice}` : ""}`;
  const actual = waited ? `${refusal} (${waited})` : refusal;
  return { problems: [{ field: error.operation, expected: "succeeds", actual }], failure };
}

/** When the provisioner last changed what a refusal is about; looked up once per kind, and only after a refusal. */
function changeTimes(ctx: StepContext<Input>): (error: unknown) => Promise<Date | null> {
  const times = new Map<Refused, Promise<Date | null>>();
  return (error) => {
    const kind = refusedOf(error)!;
    if (!times.has(kind)) times.set(kind, ctx.propagation.lastChangedAt(EXPLAINED_BY[kind]));
    return times.get(kind)!;
  };
}

/**
 * What Workspace Desktop Edition does: sign an assertion with the key from the transaction object (decrypted with
 * its password), exchange it with the SAML2 bearer client and the org short name, and call an API inside the client's
 * scopes with the token. Refusals that a recent change explains are retried within the propagation window.
 */
async function runSmokeTest(ctx: StepContext<Input>): Promise<SmokeTestOutcome> {
  const { org, keyMaterial, samlClient, issuerUri, testAgentEmail } = ctx.input;
  const subject = subjectOf(ctx.input, org.orgShortName);
  const choice = chooseProbe(ctx.input.scopes, probeContext(ctx.input));
  const base = { subject, probe: choice.probe?.key ?? null, did: "" };
  const agentProblem = testAgentEmail ? await testAgentProblem(ctx.genesys(), testAgentEmail) : undefined;
  if (agentProblem) {
    const failure =
      `The smoke test did not sign in (so no user was created): ${agentProblem}. Create the test agent in Genesys ` +
      "Cloud or correct the tenant setting smokeTestAgentEmail, then apply again.";
    const problem = { field: "smokeTestAgentEmail", expected: "an active user of the org", actual: agentProblem };
    return { ...base, problems: [problem], failure };
  }
  const encryptedKey = await sealed(ctx, SAML_SECRETS.encryptedKey);
  const privateKey = readPrivateKey(encryptedKey, await sealed(ctx, SAML_SECRETS.keyPassword));
  const signingKey = { certificatePem: keyMaterial.certificatePem, privateKeyPem: toPkcs8Pem(privateKey) };
  const assertion = signAssertion(signingKey, { issuer: issuerUri, subject });
  const clientSecret = await sealed(ctx, samlClient.secretPurpose);
  const { orgShortName: orgName } = org;
  const exchange = { clientId: samlClient.clientId, clientSecret, orgName, assertionBase64: assertion.base64 };
  const attempt = async () => {
    const token = await ctx.genesys().exchangeSamlAssertion(exchange);
    if (!choice.probe) return [];
    return choice.probe.run(ctx.genesysAs({ accessToken: token.accessToken }), probeContext(ctx.input));
  };
  const { windowMs } = ctx.propagation;
  let outcome: RetryOutcome<FieldDifference[]>;
  try {
    const changedAt = changeTimes(ctx);
    outcome = await retryRefusals(attempt, (error) => refusedOf(error) !== undefined, { windowMs, changedAt });
  } catch (error) {
    // Refused for a reason no propagation explains (e.g. a scope the client lacks): a finding, not a crash.
    if (!isGenesysCloudError(error) || error.status === undefined || error.status >= 500) throw error;
    return { ...base, ...(await refused(ctx, { error })) };
  }
  if (!outcome.ok) {
    const waited =
      `still refused after ${formatSeconds(outcome.elapsedMs)} (${outcome.attempts} attempts; Genesys Cloud takes in ` +
      `new clients, certificates and role changes within ${formatSeconds(windowMs)})`;
    return { ...base, ...(await refused(ctx, { error: outcome.error as GenesysCloudError, waited })) };
  }
  const problems = outcome.value;
  const did = choice.probe
    ? `signed in as ${subject} and called ${choice.probe.call}: ${choice.probe.proves}`
    : `signed in as ${subject} (token exchange only, no API call: ${choice.why})`;
  if (problems.length === 0) return { ...base, problems, did };
  const found = problems.map((p) => `${p.field} is ${p.actual}, expected ${p.expected}`);
  const failure = `The smoke test failed: ${found.join("; ")}.`;
  return { ...base, problems, failure };
}

/** Said in every plan: what the smoke test will call, or that it can only exchange the token (settings alone). */
function probeNotices(tenant: TenantView): string[] {
  const { samlScopes, employeePermissions } = tenant.settings;
  const context = { orgId: "", predictiveEngagement: hasService(tenant, "predictive-engagement"), employeePermissions };
  const choice = chooseProbe(samlScopes, context);
  return [
    choice.probe
      ? `The smoke test calls ${choice.probe.call} with the SAML2 bearer token ` +
        `(scope ${choice.probe.scopes.join(" or ")}): green proves ${choice.probe.proves}.`
      : "The smoke test can only exchange the SAML assertion for a token, not call an API with it: " +
        `${choice.why}. Apply reports the exchange alone ("token exchange only"); add the scope journey ` +
        "(or organization:readonly) to samlScopes for a full test.",
  ];
}

/** Said before apply: the probe notices, and a named test agent who cannot sign in. */
async function planNotices(ctx: StepContext<Input>): Promise<string[]> {
  const notices = probeNotices(ctx.tenant);
  const { testAgentEmail } = ctx.input;
  const agentProblem = testAgentEmail ? await testAgentProblem(ctx.genesys(), testAgentEmail) : undefined;
  if (agentProblem) {
    notices.push(
      `The test agent cannot sign in: ${agentProblem}. Apply will stop before signing in, creating no user; ` +
        "create the agent or correct smokeTestAgentEmail.",
    );
  }
  return notices;
}

/** Step 12: green here means the integration works as the agent desktop will use it. */
export const smokeTestStep = defineStep<Input>({
  key: SMOKE_TEST,
  title: "End-to-end smoke test",
  description:
    "Signs a SAML assertion for a test agent with the stored key, exchanges it for a token with the SAML2 bearer " +
    "client and the org short name, and calls an API inside the client's scopes that the employee role's " +
    "permissions open.",
  phase: "smoke-test",
  dependsOn: [
    CONNECT_ORG,
    SAML_KEY_MATERIAL,
    SAML2_BEARER_CLIENT,
    IDENTITY_PROVIDER,
    EMPLOYEE_ROLE,
    TRANSACTION_OBJECT,
  ],
  input,
  inputFrom: ({ tenant, outputs }) => ({
    org: outputs[CONNECT_ORG],
    keyMaterial: outputs[SAML_KEY_MATERIAL],
    samlClient: outputs[SAML2_BEARER_CLIENT],
    issuerUri: tenant.settings.issuerUri,
    testUser: tenant.settings.smokeTestUser,
    testAgentEmail: tenant.settings.smokeTestAgentEmail,
    domainSuffix: tenant.settings.domainSuffix,
    scopes: tenant.settings.samlScopes,
    predictiveEngagement: hasService(tenant, "predictive-engagement"),
    employeePermissions: tenant.settings.employeePermissions,
  }),
  sideEffects: testUserSideEffects,
  planNotices: probeNotices,

  plan: async (ctx) => ({ action: "check", changes: [], notices: await planNotices(ctx) }),

  async apply(ctx) {
    const { subject, probe, failure, did } = await runSmokeTest(ctx);
    if (failure) throw new AppError("precondition_failed", failure);
    return { result: "checked", outputs: { subject, orgId: ctx.input.org.orgId, probe }, changes: [did] };
  },

  async verify(ctx) {
    const { problems } = await runSmokeTest(ctx);
    return { status: problems.length > 0 ? "drifted" : "ok", differences: problems };
  },
});
