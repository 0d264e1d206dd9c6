import { z } from "zod";
import type { Transport } from "../transport";
import type { RoleDivision } from "./paging";

export const subjectSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  grants: z
    .array(
      z.looseObject({
        subjectId: z.string().optional(),
        /** `AuthzDivision`: `homeDivision` says whether the grant is in the Home division. */
        division: z.looseObject({ id: z.string(), name: z.string().optional(), homeDivision: z.boolean().optional() }),
        role: z.looseObject({ id: z.string(), name: z.string().optional() }),
        grantMadeAt: z.string().optional(),
      }),
    )
    .default([]),
  version: z.number().optional(),
  selfUri: z.string().optional(),
});
export type Subject = z.output<typeof subjectSchema>;

const subjectPath = (userId: string) => `/api/v2/authorization/subjects/${encodeURIComponent(userId)}`;

export function authorizationSubjectEndpoints(t: Transport) {
  return {
    /** Adds role grants to a user; adding a grant it already has changes nothing, so the call is retried safely. */
    bulkAddRoleGrants: async (userId: string, grants: RoleDivision[]): Promise<void> => {
      await t.call({
        operation: "grant roles to a user",
        method: "POST",
        path: `${subjectPath(userId)}/bulkadd`,
        query: { subjectType: "PC_USER" },
        body: { grants },
        idempotent: true,
      });
    },
    getSubject: (userId: string) =>
      t.call({
        operation: "read a user's role grants",
        method: "GET",
        path: subjectPath(userId),
        schema: subjectSchema,
      }),
  };
}
