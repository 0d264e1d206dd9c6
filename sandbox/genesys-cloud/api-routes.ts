// Every login and Platform API route of the sandbox, on one router.
import { Router } from "./http/router";
import { registerDivisionRoutes } from "./routes/divisions";
import { registerIdentityProviderRoutes } from "./routes/identity-providers";
import { registerJourneyRoutes } from "./routes/journey";
import { registerOAuthClientRoutes } from "./routes/oauth-clients";
import { registerOrganizationRoutes } from "./routes/organization";
import { registerRoleRoutes } from "./routes/roles";
import { registerSubjectRoutes } from "./routes/subjects";
import { registerTokenRoutes } from "./routes/token";
import { registerUserRoutes } from "./routes/users";

const REGISTRATIONS = [
  registerTokenRoutes,
  registerOrganizationRoutes,
  registerOAuthClientRoutes,
  registerRoleRoutes,
  registerDivisionRoutes,
  registerIdentityProviderRoutes,
  registerUserRoutes,
  registerSubjectRoutes,
  registerJourneyRoutes,
];

export function buildApiRouter(): Router {
  const router = new Router();
  for (const register of REGISTRATIONS) register(router);
  return router;
}
