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

interface CreateUserRequest {
  name: string;
  email: string;
  divisionId: string;
  password?: string;
  state?: "active" | "inactive";
  department?: string;
  title?: string;
}

interface UserQuery {
  pageSize?: number;
  pageNumber?: number;
  id?: string[];
  state?: "active" | "inactive" | "deleted" | "any";
}

/** `UserSearchCriteria`: `fields` matched against `value`/`values` by `type`; criteria combine by `operator` (AND). */
interface UserSearchCriterion {
  type:
    | "EXACT"
    | "STARTS_WITH"
    | "CONTAINS"
    | "REGEX"
    | "TERM"
    | "TERMS"
    | "REQUIRED_FIELDS"
    | "MATCH_ALL"
    | "QUERY_STRING";
  fields?: string[];
  value?: string;
  values?: string[];
  operator?: "AND" | "OR" | "NOT";
}

/** `UserSearchRequest` (POST /api/v2/users/search). */
interface UserSearchRequest {
  pageSize?: number;
  pageNumber?: number;
  sortBy?: string;
  sortOrder?: "ASC" | "DESC" | "SCORE";
  expand?: string[];
  query?: UserSearchCriterion[];
}

/** `UsersSearchResponse`: not the paging envelope; the users are in `results`. */
const usersSearchResponseSchema = z.looseObject({
  total: z.number(),
  pageCount: z.number(),
  pageSize: z.number(),
  pageNumber: z.number(),
  types: z.array(z.string()).optional(),
  results: z.array(userSchema).default([]),
});

/** Emails per search request; with both spellings of each that is at most 100 values and 100 users, one page. */
const EMAILS_PER_SEARCH = 50;
const SEARCH_PAGE_SIZE = 100;

export function userEndpoints(t: Transport) {
  /** A search is a read: repeating it is safe. */
  const searchUsers = (body: UserSearchRequest) =>
    t.call({
      operation: "search users",
      method: "POST",
      path: "/api/v2/users/search",
      body,
      schema: usersSearchResponseSchema,
      idempotent: true,
    });

  /** Users whose email is one of `emails` (case ignored): exact matches, so the cost does not grow with the org. */
  async function findUsersByEmail(emails: readonly string[]): Promise<User[]> {
    const wanted = [...new Set(emails.map((email) => email.toLowerCase()))];
    const found = new Map<string, User>();
    for (let start = 0; start < wanted.length; start += EMAILS_PER_SEARCH) {
      const chunk = wanted.slice(start, start + EMAILS_PER_SEARCH);
      const values = [...new Set(emails.filter((email) => chunk.includes(email.toLowerCase())).concat(chunk))];
      for (let pageNumber = 1; ; pageNumber += 1) {
        const query: UserSearchCriterion[] = [{ type: "EXACT", fields: ["email"], values }];
        const page = await searchUsers({ pageSize: SEARCH_PAGE_SIZE, pageNumber, query });
        for (const user of page.results) {
          if (user.email && chunk.includes(user.email.toLowerCase())) found.set(user.id, user);
        }
        if (page.results.length === 0 || pageNumber >= page.pageCount) break;
      }
    }
    return [...found.values()];
  }

  return {
    /** An existing email answers 409 general.conflict; a timeout is outcomeUnknown (look the user up by email). */
    createUser: (body: CreateUserRequest) =>
      t.call({
        operation: `create user ${body.email}`,
        method: "POST",
        path: "/api/v2/users",
        body,
        schema: userSchema,
      }),
    listUsers: (query: UserQuery = {}) =>
      t.call({
        operation: "list users",
        method: "GET",
        path: "/api/v2/users",
        query: { ...query },
        schema: pageSchema(userSchema),
      }),
    searchUsers,
    findUsersByEmail,
    getUser: (id: string) =>
      t.call({
        operation: "read a user",
        method: "GET",
        path: `/api/v2/users/${encodeURIComponent(id)}`,
        schema: userSchema,
      }),
  };
}
