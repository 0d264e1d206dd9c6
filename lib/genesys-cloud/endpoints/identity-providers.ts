import { z } from "zod";
import { GenesysCloudError } from "../errors";
import type { Transport } from "../transport";
import { pageSchema } from "./paging";

const PUREENGAGE = "/api/v2/identityproviders/pureengage";

const identityProviderSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  disabled: z.boolean().optional(),
  issuerURI: z.string().optional(),
  selfUri: z.string().optional(),
});

export const pureEngageSchema = identityProviderSchema.extend({
  issuerURI: z.string(),
  ssoTargetURI: z.string().optional(),
  sloURI: z.string().optional(),
  sloBinding: z.string().optional(),
  relyingPartyIdentifier: z.string().optional(),
  certificate: z.string().optional(),
  certificates: z.array(z.string()).optional(),
  nameIdentifierFormat: z.string().optional(),
  ssoBinding: z.string().optional(),
  signAuthnRequests: z.boolean().optional(),
  providerName: z.string().optional(),
  displayOnLogin: z.boolean().optional(),
  metadataURL: z.string().optional(),
  forceAuthn: z.boolean().optional(),
  autoProvisionUsers: z.boolean().optional(),
});
export type PureEngageProvider = z.output<typeof pureEngageSchema>;

export interface PureEngageRequest {
  name?: string;
  disabled?: boolean;
  /** Must equal the assertion Issuer (GAX transaction object `saml/issuer`). */
  issuerURI: string;
  ssoTargetURI?: string;
  sloURI?: string;
  sloBinding?: string;
  relyingPartyIdentifier?: string;
  /** PEM or bare base64; the API may hand it back in another form, compare with sameCertificate. */
  certificate?: string;
  /**
   * Every trusted certificate (e.g. the old and the new during a rotation); the provider accepts assertions signed by
   * any. Send it together with `certificate`: a field left out may keep its stored value (and its certificate trusted).
   */
  certificates?: string[];
  nameIdentifierFormat?: string;
  ssoBinding?: string;
  signAuthnRequests?: boolean;
  providerName?: string;
  displayOnLogin?: boolean;
  metadataURL?: string;
  forceAuthn?: boolean;
  autoProvisionUsers?: boolean;
}

/** Certificates compared without PEM armour and whitespace. */
export function sameCertificate(a: string, b: string): boolean {
  const bare = (c: string) => c.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
  return bare(a) === bare(b);
}

/**
 * Every certificate the provider trusts (several while a certificate rotation is in progress), primary first: the
 * `certificate` field and every entry of `certificates`, read together since either may hold one the other lacks.
 */
export function providerCertificates(provider: PureEngageProvider): string[] {
  const all = [...(provider.certificate ? [provider.certificate] : []), ...(provider.certificates ?? [])];
  return all.filter((certificate, index) => all.findIndex((other) => sameCertificate(other, certificate)) === index);
}

export function identityProviderEndpoints(t: Transport) {
  return {
    listIdentityProviders: async () =>
      (
        await t.call({
          operation: "list identity providers",
          method: "GET",
          path: "/api/v2/identityproviders",
          schema: pageSchema(identityProviderSchema),
        })
      ).entities,
    /** The PureEngage provider, or null when the org has none. */
    getPureEngageProvider: async (): Promise<PureEngageProvider | null> => {
      try {
        return await t.call({
          operation: "read the PureEngage identity provider",
          method: "GET",
          path: PUREENGAGE,
          schema: pureEngageSchema,
        });
      } catch (error) {
        if (error instanceof GenesysCloudError && error.status === 404) return null;
        throw error;
      }
    },
    /** Creates or replaces the provider; the answer is the short shape `{id, name, disabled, selfUri}`. */
    putPureEngageProvider: (body: PureEngageRequest) =>
      t.call({
        operation: "save the PureEngage identity provider",
        method: "PUT",
        path: PUREENGAGE,
        body,
        schema: identityProviderSchema,
      }),
    deletePureEngageProvider: async (): Promise<void> => {
      await t.call({ operation: "delete the PureEngage identity provider", method: "DELETE", path: PUREENGAGE });
    },
  };
}
