import { z } from "zod";
import { AppError } from "@/lib/errors";
import { isGenesysCloudError } from "@/lib/genesys-cloud";
import { signAssertion } from "@/lib/saml/assertion";
import { samlNameId } from "@/lib/saml/name-id";
import { readPrivateKey, toPkcs8Pem } from "@/lib/saml/private-key";
import { oauthClientOutputsSchema } from "../oauth-client-step";
import { defineStep, type FieldDifference, type StepContext } from "../step";
import { orgOutputsSchema } from "./connect-org";
import { EMPLOYEE_ROLE } from "./employee-role";
import { IDENTITY_PROVIDER } from "./identity-provider";
import { keyMaterialOutputsSchema, SAML_KEY_MATERIAL, SAML_SECRETS } from "./saml-key-material";
import { SAML2_BEARER_CLIENT } from "./saml2-bearer-client";
import { TRANSACTION_OBJECT } from "./transaction-object";

export const SMOKE_TEST = "smoke-test";

const input = z.object({
  org: orgOutputsSchema,
  keyMaterial: keyMaterialOutputsSchema,
  samlClient: oauthClientOutputsSchema,
  issuerUri: z.string().min(1),
  testUser: z.string().min(1),
  domainSuffix: z.string().min(1),
});
type Input = z.output<typeof input>;

async function sealed(ctx: StepContext<Input>, purpose: string): Promise<string> {
  const value = await ctx.secret(purpose);
  if (!value) throw new AppError("precondition_failed", `The sealed secret ${purpose} is missing; apply the step that creates it again.`);
  return value;
}

/**
 * What Workspace Desktop Edition does: sign an assertion with the key from the transaction object (decrypted with
 * its password), exchange it with the SAML2 bearer client and the org short name, and call the API with the token.
 * Returns the problems found; none means green.
 */
async function runSmokeTest(ctx: StepContext<Input>): Promise<{ subject: string; problems: FieldDifference[] }> {
  const { org, keyMaterial, samlClient, issuerUri } = ctx.input;
  const subject = samlNameId(ctx.input.testUser, { organizationSname: org.orgShortName, organizationDomainSuffix: ctx.input.domainSuffix });
  const privateKey = readPrivateKey(await sealed(ctx, SAML_SECRETS.encryptedKey), await sealed(ctx, SAML_SECRETS.keyPassword));
  const assertion = signAssertion({ certificatePem: keyMaterial.certificatePem, privateKeyPem: toPkcs8Pem(privateKey) }, { issuer: issuerUri, subject });
  try {
    const token = await ctx.genesys().exchangeSamlAssertion({
      clientId: samlClient.clientId,
      clientSecret: await sealed(ctx, samlClient.secretPurpose),
      orgName: org.orgShortName,
      assertionBase64: assertion.base64,
    });
    const me = await ctx.genesysAs({ accessToken: token.accessToken }).getOrganization();
    const problems = me.id === org.orgId ? [] : [{ field: "organization", expected: org.orgId, actual: me.id }];
    return { subject, problems };
  } catch (error) {
    if (!isGenesysCloudError(error) || error.status === undefined || error.status >= 500) throw error;
    return { subject, problems: [{ field: error.operation, expected: "succeeds", actual: `${error.status} ${error.code}: ${error.operatorMessage}` }] };
  }
}

/** Step 12: green here means the integration works as the agent desktop will use it. */
export const smokeTestStep = defineStep<Input>({
  key: SMOKE_TEST,
  title: "End-to-end smoke test",
  description: "Signs a SAML assertion for a test agent with the stored key, exchanges it for a token with the SAML2 bearer client and the org short name, and reads the org with that token.",
  phase: "smoke-test",
  dependsOn: ["connect-org", SAML_KEY_MATERIAL, SAML2_BEARER_CLIENT, IDENTITY_PROVIDER, EMPLOYEE_ROLE, TRANSACTION_OBJECT],
  input,
  inputFrom: ({ tenant, outputs }) => ({
    org: outputs["connect-org"],
    keyMaterial: outputs[SAML_KEY_MATERIAL],
    samlClient: outputs[SAML2_BEARER_CLIENT],
    issuerUri: tenant.settings.issuerUri,
    testUser: tenant.settings.smokeTestUser,
    domainSuffix: tenant.settings.domainSuffix,
  }),

  plan: async () => ({ action: "check", changes: [] }),

  async apply(ctx) {
    const { subject, problems } = await runSmokeTest(ctx);
    if (problems.length > 0) {
      throw new AppError("precondition_failed", `The smoke test failed: ${problems.map((p) => `${p.field}: ${p.actual}`).join("; ")}. Verify the tenant to find the step that drifted.`);
    }
    return { result: "checked", outputs: { subject, orgId: ctx.input.org.orgId }, changes: [] };
  },

  async verify(ctx) {
    const { problems } = await runSmokeTest(ctx);
    return { status: problems.length > 0 ? "drifted" : "ok", differences: problems };
  },
});
