// GET /api/v2/organizations/me (no permission needed).
import { callerOf, ok } from "../http/context";
import type { Router } from "../http/router";

export function registerOrganizationRoutes(router: Router): void {
  router.add("GET", "/api/v2/organizations/me", (ctx) => {
    const { org } = callerOf(ctx);
    return ok({
      id: org.id,
      name: org.name,
      defaultLanguage: "en-us",
      thirdPartyOrgName: org.thirdPartyOrgName,
      domain: org.thirdPartyOrgName,
      version: 1,
      state: "active",
      voicemailEnabled: true,
      productPlatform: "PureCloud",
      features: { purecloud: true, hybridIntegration: true },
      selfUri: `/api/v2/organizations/${org.id}`,
    });
  });
}
