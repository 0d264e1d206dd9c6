import { z } from "zod";
import { oauthClientStep } from "./oauth-client-step";
import { CONNECT_ORG, SAML2_BEARER_CLIENT } from "../model/step-keys";

const input = z.object({
  redirectUri: z.string().min(1),
  scopes: z.array(z.string()).min(1),
  tokenLifetimeSeconds: z.number().int(),
});

/** Step 4: the SAML2 bearer client Workspace Desktop Edition exchanges signed assertions with (saml_auth section). */
export const saml2BearerClientStep = oauthClientStep({
  key: SAML2_BEARER_CLIENT,
  title: "SAML2 Bearer client",
  description:
    "Creates the SAML2 bearer OAuth client that agent desktops use to exchange a signed SAML assertion for a Genesys Cloud token.",
  dependsOn: [CONNECT_ORG],
  clientName: "Genesys Multicloud CX SAML2 Bearer",
  clientDescription: "OAuth client for SAML2 bearer authentication from Genesys Multicloud CX desktops",
  grantType: "SAML2-BEARER",
  input,
  inputFrom: ({ tenant }) => ({
    redirectUri: tenant.settings.redirectUri,
    scopes: tenant.settings.samlScopes,
    tokenLifetimeSeconds: tenant.settings.tokenLifetimeSeconds,
  }),
  settings: ({ redirectUri, scopes, tokenLifetimeSeconds }) => ({
    accessTokenValiditySeconds: tokenLifetimeSeconds,
    redirectUris: [redirectUri],
    scopes,
  }),
});
