import { z } from "zod";
import type { Transport } from "../transport";

const organizationSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  thirdPartyOrgName: z.string(),
  domain: z.string().optional(),
  version: z.number().optional(),
  state: z.string().optional(),
  productPlatform: z.string().optional(),
  features: z.record(z.string(), z.boolean()).optional(),
  selfUri: z.string().optional(),
});

export function organizationEndpoints(t: Transport) {
  return {
    /** The org the credentials belong to (no permission needed). */
    getOrganization: () =>
      t.call({
        operation: "read the organization",
        method: "GET",
        path: "/api/v2/organizations/me",
        schema: organizationSchema,
      }),
  };
}
