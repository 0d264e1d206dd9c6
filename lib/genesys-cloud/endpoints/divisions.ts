import { z } from "zod";
import type { Transport } from "../transport";
import { allPages, pageSchema } from "./paging";

const divisionSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  homeDivision: z.boolean().optional(),
  selfUri: z.string().optional(),
});

const divisionPage = pageSchema(divisionSchema);

export function divisionEndpoints(t: Transport) {
  return {
    /** Every division of the org (all pages). */
    listDivisions: () =>
      allPages((pageNumber) =>
        t.call({
          operation: "list divisions",
          method: "GET",
          path: "/api/v2/authorization/divisions",
          query: { pageNumber, pageSize: 100 },
          schema: divisionPage,
        }),
      ),
    getHomeDivision: () =>
      t.call({
        operation: "read the Home division",
        method: "GET",
        path: "/api/v2/authorization/divisions/home",
        schema: divisionSchema,
      }),
  };
}
