import { z } from "zod";
import type { Transport } from "../transport";
import { entityRef, pageSchema, roleDivisionSchema, type RoleDivision } from "./paging";

export const GRANT_TYPES = ["CODE", "TOKEN", "SAML2-BEARER", "PASSWORD", "CLIENT-CREDENTIALS"] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

export const oauthClientSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  authorizedGrantType: z.string(),
  accessTokenValiditySeconds: z.number().optional(),
  description: z.string().optional(),
  registeredRedirectUri: z.array(z.string()).optional(),
  /** Only in the answers to create and regenerate. */
  secret: z.string().optional(),
  roleIds: z.array(z.string()).optional(),
  roleDivisions: z.array(roleDivisionSchema).optional(),
  scope: z.array(z.string()).optional(),
  state: z.string().optional(),
  dateCreated: z.string().optional(),
  dateModified: z.string().optional(),
  createdBy: entityRef.optional(),
  modifiedBy: entityRef.optional(),
  selfUri: z.string().optional(),
});
export type OAuthClient = z.output<typeof oauthClientSchema>;
const withSecret = oauthClientSchema.extend({ secret: z.string().min(1) });
type OAuthClientWithSecret = z.output<typeof withSecret>;

export interface OAuthClientRequest {
  name: string;
  description?: string;
  /** 300..172800, default 86400. */
  accessTokenValiditySeconds?: number;
  authorizedGrantType: GrantType;
  registeredRedirectUri?: string[];
  /** For grant types other than client credentials. */
  scope?: string[];
  /** For client-credentials clients; the caller must hold each role itself. */
  roleDivisions?: RoleDivision[];
  state?: "active" | "disabled" | "inactive";
}

const path = (id: string) => `/api/v2/oauth/clients/${encodeURIComponent(id)}`;

export function oauthClientEndpoints(t: Transport) {
  return {
    listOAuthClients: async (): Promise<OAuthClient[]> =>
      (
        await t.call({
          operation: "list OAuth clients",
          method: "GET",
          path: "/api/v2/oauth/clients",
          schema: pageSchema(oauthClientSchema),
        })
      ).entities,
    /** Not retried on timeouts or dropped connections: a GenesysCloudError with outcomeUnknown tells the caller to look it up by name. */
    createOAuthClient: (body: OAuthClientRequest): Promise<OAuthClientWithSecret> =>
      t.call({
        operation: `create OAuth client "${body.name}"`,
        method: "POST",
        path: "/api/v2/oauth/clients",
        body,
        schema: withSecret,
      }),
    getOAuthClient: (id: string) =>
      t.call({ operation: "read an OAuth client", method: "GET", path: path(id), schema: oauthClientSchema }),
    updateOAuthClient: (id: string, body: OAuthClientRequest) =>
      t.call({
        operation: `update OAuth client "${body.name}"`,
        method: "PUT",
        path: path(id),
        body,
        schema: oauthClientSchema,
      }),
    deleteOAuthClient: (id: string) =>
      t.call({ operation: "delete an OAuth client", method: "DELETE", path: path(id) }),
    regenerateOAuthClientSecret: (id: string): Promise<OAuthClientWithSecret> =>
      t.call({
        operation: "regenerate an OAuth client secret",
        method: "POST",
        path: `${path(id)}/secret`,
        schema: withSecret,
      }),
  };
}
