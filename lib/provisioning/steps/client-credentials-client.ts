import { z } from "zod";
import { oauthClientStep } from "./oauth-client-step";
import { CLIENT_CREDENTIALS_CLIENT, CONNECT_ORG } from "../model/step-keys";

const input = z.object({ tokenLifetimeSeconds: z.number().int() });

/** Step 2: "PureEngage Client Credentials", the client the on-premises services use, with the admin role in the Home division. */
export const clientCredentialsClientStep = oauthClientStep({
  key: CLIENT_CREDENTIALS_CLIENT,
  title: "PureEngage Client Credentials client",
  description:
    "Creates the client-credentials OAuth client for service-to-service calls, with the admin role in the Home division and the configured token lifetime.",
  dependsOn: [CONNECT_ORG],
  clientName: "PureEngage Client Credentials",
  clientDescription: "OAuth client for service-to-service authentication",
  grantType: "CLIENT-CREDENTIALS",
  input,
  inputFrom: ({ tenant }) => ({ tokenLifetimeSeconds: tenant.settings.tokenLifetimeSeconds }),
  settings: ({ tokenLifetimeSeconds }) => ({
    accessTokenValiditySeconds: tokenLifetimeSeconds,
    redirectUris: [],
    scopes: [],
  }),
});
