import { z } from "zod";
import type { Transport } from "../transport";
import { pageSchema } from "./paging";

/** A Predictive Engagement action map (the fields the provisioner reads; the rest is kept). */
const actionMapSchema = z.looseObject({
  id: z.string(),
  displayName: z.string().optional(),
  isActive: z.boolean().optional(),
  version: z.number().optional(),
  selfUri: z.string().optional(),
});

interface ActionMapQuery {
  pageSize?: number;
  pageNumber?: number;
}

export function journeyEndpoints(t: Transport) {
  return {
    /** One page of the org's action maps (journey:actionmap:view; OAuth scope journey or journey:readonly). */
    listActionMaps: (query: ActionMapQuery = {}) =>
      t.call({
        operation: "list Predictive Engagement action maps",
        method: "GET",
        path: "/api/v2/journey/actionmaps",
        query: { ...query },
        schema: pageSchema(actionMapSchema),
      }),
  };
}
