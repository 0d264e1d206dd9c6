import { z } from "zod";
import type { HybridIntegrationPlan, HybridIntegrationVerification } from "@/lib/config-server/bridge";
import { desiredHybridIntegration, type DesiredHybridIntegration } from "@/lib/config-server/desired-object";
import { AppError } from "@/lib/errors";
import { transactionSamlOptions } from "@/lib/saml/artifacts";
import { oauthClientOutputsSchema } from "./oauth-client-step";
import { objectTenantInputSchema, objectTenantOf } from "../model/object-tenant";
import { enabledServices, SERVICES } from "../model/services";
import { defineStep, type FieldDifference, type StepContext } from "../model/step";
import { orgOutputsSchema } from "./connect-org";
import { keyMaterialOutputsSchema, SAML_SECRETS } from "./saml-key-material";
import {
  IDENTITY_PROVIDER,
  SAML2_BEARER_CLIENT,
  SAML_KEY_MATERIAL,
  TRANSACTION_OBJECT,
  CONNECT_ORG,
} from "../model/step-keys";

/** The steps that make the services' own clients: the object holds each enabled one's in its section. */
const SERVICE_CLIENT_STEPS = SERVICES.flatMap((service): string[] =>
  "client" in service ? [service.client.step] : [],
);

/** An enabled service's client, from the outputs of the step that makes it. */
const serviceClientInput = z
  .object({ service: z.string(), section: z.string(), step: z.string(), client: oauthClientOutputsSchema.optional() })
  .superRefine((value, ctx) => {
    if (!value.client)
      ctx.addIssue({ code: "custom", path: ["client"], message: `needs the ${value.step} step applied first` });
  })
  .transform(({ service, section, client }) => ({ service, section, client: client! }));

const input = z.object({
  /** The tenant's own, or a single-tenant deployment's one tenant (Environment or Resources). */
  targetTenant: objectTenantInputSchema,
  regionDomain: z.string({ error: "is unknown: give the tenant a Genesys Cloud region" }).min(1),
  org: orgOutputsSchema,
  keyMaterial: keyMaterialOutputsSchema,
  issuerUri: z.string().min(1),
  expireTimeHours: z.number().int(),
  domainSuffix: z.string().min(1),
  samlClient: oauthClientOutputsSchema,
  serviceClients: z.array(serviceClientInput),
});
type Input = z.output<typeof input>;
/** What the object is built from; the tenant's sealed secrets are read through `secret`. */
type HybridIntegrationSource = Pick<StepContext<Input>, "input" | "tenant" | "secret">;

async function required(ctx: HybridIntegrationSource, purpose: string): Promise<string> {
  const value = await ctx.secret(purpose);
  if (!value)
    throw new AppError(
      "precondition_failed",
      `The sealed secret ${purpose} is missing; apply the step that creates it again.`,
    );
  return value;
}

/** hybrid_integration as this step writes it: from the outputs of the earlier steps and their sealed secrets. */
export async function buildHybridIntegration(ctx: HybridIntegrationSource): Promise<DesiredHybridIntegration> {
  const { input: data } = ctx;
  const encryptedKey = await required(ctx, SAML_SECRETS.encryptedKey);
  const saml = transactionSamlOptions({ "cert.pem": data.keyMaterial.certificatePem, "key.pem.enc": encryptedKey });
  const serviceClients = [];
  for (const { service, section, client } of data.serviceClients) {
    serviceClients.push({
      service,
      section,
      clientId: client.clientId,
      clientSecret: await required(ctx, client.secretPurpose),
    });
  }
  return desiredHybridIntegration({
    orgShortName: data.org.orgShortName,
    orgId: data.org.orgId,
    regionDomain: data.regionDomain,
    samlIssuer: data.issuerUri,
    certificateBase64: saml.certificate,
    encryptedKeyBase64: saml.pkey,
    keyPassword: await required(ctx, SAML_SECRETS.keyPassword),
    expireTimeHours: data.expireTimeHours,
    samlAuthClientId: data.samlClient.clientId,
    samlAuthClientSecret: await required(ctx, data.samlClient.secretPurpose),
    serviceClients,
    organizationDomainSuffix: data.domainSuffix,
    annexSection: ctx.tenant.deployment.annexSection,
  });
}

const name = (ref: { section: string; key: string }) => `${ref.section}/${ref.key}`;

function planChanges(plan: HybridIntegrationPlan): FieldDifference[] {
  return [
    ...plan.add.map((row) => ({ field: name(row), expected: row.value, actual: "" })),
    ...plan.change.map((row) => ({ field: name(row), expected: row.to, actual: row.from })),
    ...plan.attributeChanges.map((change) => ({ field: change.attribute, expected: change.to, actual: change.from })),
  ];
}

function verificationChanges(verification: HybridIntegrationVerification): FieldDifference[] {
  return [
    ...verification.missing.map((ref) => ({ field: name(ref), expected: "set", actual: "" })),
    ...verification.drifted.map((row) => ({ field: name(row), expected: row.expected, actual: row.actual })),
    ...verification.attributeChanges.map((change) => ({
      field: change.attribute,
      expected: change.to,
      actual: change.from,
    })),
  ];
}

/** Step 9: hybrid_integration in the tenant's Transactions folder, written through the GAX bridge. */
export const transactionObjectStep = defineStep<Input>({
  key: TRANSACTION_OBJECT,
  title: "Transaction object hybrid_integration",
  description:
    "Creates or updates the hybrid_integration transaction object in Configuration Server (through GAX) with the org, SAML and client options the on-premises components read.",
  phase: "on-premises",
  dependsOn: [CONNECT_ORG, SAML_KEY_MATERIAL, IDENTITY_PROVIDER, SAML2_BEARER_CLIENT, ...SERVICE_CLIENT_STEPS],
  input,
  inputFrom: ({ tenant, outputs }) => ({
    targetTenant: objectTenantOf(tenant),
    regionDomain: tenant.regionDomain,
    org: outputs[CONNECT_ORG],
    keyMaterial: outputs[SAML_KEY_MATERIAL],
    issuerUri: tenant.settings.issuerUri,
    expireTimeHours: tenant.settings.expireTimeHours,
    domainSuffix: tenant.settings.domainSuffix,
    samlClient: outputs[SAML2_BEARER_CLIENT],
    serviceClients: enabledServices(tenant).flatMap(({ title, client }) =>
      client ? [{ service: title, section: client.section, step: client.step, client: outputs[client.step] }] : [],
    ),
  }),

  async plan(ctx) {
    const plan = await (
      await ctx.bridge()
    ).planHybridIntegration(ctx.input.targetTenant, await buildHybridIntegration(ctx));
    return { action: plan.action, changes: planChanges(plan) };
  },

  async apply(ctx) {
    // hybrid_integration is unique by name in its tenant and the bridge reads before it writes: that is the lookup.
    const applied = await (
      await ctx.bridge()
    ).applyHybridIntegration(ctx.input.targetTenant, await buildHybridIntegration(ctx));
    const changed = planChanges(applied.plan).map((change) => change.field);
    return {
      result: applied.action,
      outputs: { dbid: applied.dbid, tenantDbid: applied.tenant.dbid, cfgTenant: applied.tenant.name },
      changes:
        applied.action === "unchanged"
          ? []
          : [`${applied.action} hybrid_integration (DBID ${applied.dbid}): ${changed.join(", ")}`],
    };
  },

  async verify(ctx) {
    const verification = await (
      await ctx.bridge()
    ).verifyHybridIntegration(ctx.input.targetTenant, await buildHybridIntegration(ctx));
    return { status: verification.status, differences: verificationChanges(verification) };
  },
});
