import { z } from "zod";
import { AppError } from "@/lib/errors";
import { sameCertificate, type PureEngageProvider, type PureEngageRequest } from "@/lib/genesys-cloud";
import { providerCertificates } from "@/lib/genesys-cloud/endpoints/identity-providers";
import { defineStep, verificationFrom, type FieldDifference, type StepContext } from "../model/step";
import { keyMaterialOutputsSchema } from "./saml-key-material";
import { IDENTITY_PROVIDER, SAML_KEY_MATERIAL, CONNECT_ORG } from "../model/step-keys";

const PROVIDER_NAME = "Genesys Multicloud CX";

const input = z.object({
  issuerUri: z.string().min(1),
  ssoTargetUri: z.string().min(1),
  keyMaterial: keyMaterialOutputsSchema,
});
type Input = z.output<typeof input>;

const bare = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");

/** The certificate in use, and during a certificate rotation also the next one: the provider trusts both until it ends. */
function trustedCertificates(ctx: StepContext<Input>): string[] {
  const { keyMaterial } = ctx.input;
  return [keyMaterial.certificatePem, ...(keyMaterial.next ? [keyMaterial.next.certificatePem] : [])].map(bare);
}

/**
 * Both certificate fields, always: a PUT may keep a field it was not sent, and with it a certificate that should no
 * longer be trusted (docs/provisioning.md). `certificate` is the one in use, `certificates` every trusted one.
 */
function desired(ctx: StepContext<Input>): PureEngageRequest {
  const trusted = trustedCertificates(ctx);
  return {
    name: PROVIDER_NAME,
    issuerURI: ctx.input.issuerUri,
    ssoTargetURI: ctx.input.ssoTargetUri,
    certificate: trusted[0]!,
    certificates: trusted,
    autoProvisionUsers: true,
    disabled: false,
  };
}

/** Compares what the provider trusts through either field with what the tenant wants trusted. */
function certificateDifference(live: PureEngageProvider, want: PureEngageRequest): FieldDifference[] {
  const wanted = want.certificates ?? [];
  const trusted = providerCertificates(live);
  const missing = wanted.filter((certificate) => !trusted.some((other) => sameCertificate(certificate, other)));
  const extra = trusted.filter((certificate) => !wanted.some((other) => sameCertificate(certificate, other)));
  if (missing.length === 0 && extra.length === 0) return [];
  const expected =
    wanted.length > 1
      ? "the current and the next SAML certificate (rotation under way)"
      : "the stored SAML certificate";
  const actual =
    trusted.length === 0
      ? ""
      : missing.length === 0
        ? `also ${extra.length} other certificate(s)`
        : extra.length > 0
          ? "another certificate"
          : "not all of them";
  return [{ field: "certificate", expected, actual }];
}

function differences(live: PureEngageProvider, want: PureEngageRequest): FieldDifference[] {
  const found: FieldDifference[] = [];
  const compare = (field: string, expected: string, actual: string) =>
    expected !== actual && found.push({ field, expected, actual });
  compare("name", want.name ?? "", live.name ?? "");
  compare("issuerURI", want.issuerURI, live.issuerURI);
  compare("ssoTargetURI", want.ssoTargetURI ?? "", live.ssoTargetURI ?? "");
  compare("autoProvisionUsers", "true", String(live.autoProvisionUsers ?? false));
  compare("disabled", "false", String(live.disabled ?? false));
  return [...found, ...certificateDifference(live, want)];
}

/** Other identity providers of the org with the same issuer: SAML2 bearer exchanges would be ambiguous. */
async function issuerClashes(ctx: StepContext<Input>, ownId: string | undefined): Promise<FieldDifference[]> {
  const providers = await ctx.genesys().listIdentityProviders();
  return providers
    .filter((provider) => provider.id !== ownId && provider.issuerURI === ctx.input.issuerUri)
    .map((provider) => ({
      field: "issuerURI (unique)",
      expected: "used by the PureEngage provider only",
      actual: `also used by "${provider.name ?? provider.id}" (${provider.id})`,
    }));
}

/** Step 6: the PureEngage identity provider trusts the stored certificate for the configured issuer and auto-provisions users. */
export const identityProviderStep = defineStep<Input>({
  key: IDENTITY_PROVIDER,
  title: "PureEngage identity provider",
  description:
    "Creates or updates the Genesys Multicloud CX (PureEngage) identity provider: the SAML certificate, the issuer, the SSO target, user auto-provisioning on, enabled.",
  phase: "genesys-cloud",
  dependsOn: [CONNECT_ORG, SAML_KEY_MATERIAL],
  input,
  inputFrom: ({ tenant, outputs }) => ({
    issuerUri: tenant.settings.issuerUri,
    ssoTargetUri: tenant.settings.ssoTargetUri,
    keyMaterial: outputs[SAML_KEY_MATERIAL],
  }),

  async plan(ctx) {
    const live = await ctx.genesys().getPureEngageProvider();
    const want = desired(ctx);
    if (!live) return { action: "create", changes: [{ field: "issuerURI", expected: want.issuerURI, actual: "" }] };
    const changes = differences(live, want);
    return { action: changes.length > 0 ? "update" : "none", changes };
  },

  async apply(ctx) {
    const genesys = ctx.genesys();
    const live = await genesys.getPureEngageProvider();
    const clashes = await issuerClashes(ctx, live?.id);
    if (clashes.length > 0) {
      throw new AppError(
        "conflict",
        `Another identity provider uses the issuer ${ctx.input.issuerUri}: ${clashes.map((c) => c.actual).join("; ")}. Change its issuer or choose another issuer for this tenant, then apply again.`,
      );
    }
    const want = desired(ctx);
    const changes = live ? differences(live, want) : [];
    const outputs = { issuerUri: want.issuerURI };
    if (live && changes.length === 0)
      return { result: "unchanged", outputs: { ...outputs, providerId: live.id }, changes: [] };
    // PUT creates or replaces the provider, so repeating it after a crash is harmless.
    const saved = await genesys.putPureEngageProvider(want);
    return {
      result: live ? "updated" : "created",
      outputs: { ...outputs, providerId: saved.id },
      changes: [
        live
          ? `updated the identity provider: ${changes.map((c) => c.field).join(", ")}`
          : "created the PureEngage identity provider",
      ],
    };
  },

  async verify(ctx) {
    const live = await ctx.genesys().getPureEngageProvider();
    if (!live) return { status: "missing", differences: [{ field: "provider", expected: PROVIDER_NAME, actual: "" }] };
    return verificationFrom([...differences(live, desired(ctx)), ...(await issuerClashes(ctx, live.id))]);
  },
});
