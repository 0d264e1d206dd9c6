import { z } from "zod";
import type { Transport } from "../transport";
import { entityRef, pageSchema } from "./paging";

export const userSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  email: z.string().optional(),
  username: z.string().optional(),
  state: z.string().optional(),
  division: entityRef.optional(),
  version: z.number().optional(),
  selfUri: z.string().optional(),
});
export type User = z.output<typeof userSchema>;

export interface CreateUserRequest {
  name: string;
  email: string;
  divisionId: string;
  password?: string;
  state?: "active" | "inactive";
  department?: string;
  title?: string;
}

export interface UserQuery {
  pageSize?: number;
  pageNumber?: number;
  id?: string[];
  state?: "active" | "inactive" | "deleted" | "any";
}

export function userEndpoints(t: Transport) {
  return {
    /** An existing email answers 409 general.conflict; a timeout is outcomeUnknown (look the user up by email). */
    createUser: (body: CreateUserRequest) => t.call({ operation: `create user ${body.email}`, method: "POST", path: "/api/v2/users", body, schema: userSchema }),
    listUsers: (query: UserQuery = {}) => t.call({ operation: "list users", method: "GET", path: "/api/v2/users", query: { ...query }, schema: pageSchema(userSchema) }),
    getUser: (id: string) => t.call({ operation: "read a user", method: "GET", path: `/api/v2/users/${encodeURIComponent(id)}`, schema: userSchema }),
  };
}
