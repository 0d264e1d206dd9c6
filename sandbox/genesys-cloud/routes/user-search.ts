// POST /api/v2/users/search: UserSearchRequest in, UsersSearchResponse out (SDK models), for the criteria the
// provisioner and its tests use. Other search types answer 400 naming the field, so nothing is silently ignored.
import { z } from "zod";
import { requirePermissions } from "../authorization";
import { callerOf, jsonBody, ok } from "../http/context";
import { invalidValue } from "../http/errors";
import type { Router } from "../http/router";
import type { StoredUser } from "../state";
import { userView } from "./users";

/** The search types of `UserSearchCriteria.type`; the sandbox evaluates the first four. */
const SEARCH_TYPES = [
  ...(["EXACT", "STARTS_WITH", "CONTAINS", "MATCH_ALL"] as const),
  ...(["REGEX", "TERM", "TERMS", "REQUIRED_FIELDS", "QUERY_STRING"] as const),
];
const EVALUATED = new Set<string>(SEARCH_TYPES.slice(0, 4));
const FIELDS: Record<string, (user: StoredUser) => string | undefined> = {
  id: (user) => user.id,
  name: (user) => user.name,
  email: (user) => user.email,
  username: (user) => user.email,
  state: (user) => user.state,
  department: (user) => user.department,
  title: (user) => user.title,
};
/** Largest page the search answers (inferred; the list endpoints allow 500). */
const MAX_SEARCH_PAGE_SIZE = 100;

const criterionSchema = z.object({
  type: z.enum(SEARCH_TYPES),
  fields: z.array(z.string()).optional(),
  value: z.string().optional(),
  values: z.array(z.string()).optional(),
  operator: z.enum(["AND", "OR", "NOT"]).default("AND"),
  group: z.array(z.unknown()).optional(),
  startValue: z.string().optional(),
  endValue: z.string().optional(),
  dateFormat: z.string().optional(),
});
type Criterion = z.output<typeof criterionSchema>;

const searchSchema = z.object({
  pageSize: z
    .number()
    .int()
    .min(1)
    .max(MAX_SEARCH_PAGE_SIZE, { message: `must be at most ${MAX_SEARCH_PAGE_SIZE}` })
    .default(25),
  pageNumber: z.number().int().min(1).default(1),
  sortBy: z.enum(["name", "email", "id", "state"]).default("name"),
  sortOrder: z.enum(["ASC", "DESC", "SCORE"]).default("ASC"),
  expand: z.array(z.string()).optional(),
  query: z.array(criterionSchema).default([]),
});

/** Checks what the sandbox can evaluate; everything else is a 400 naming the field, not a wrong answer. */
function checkCriterion(criterion: Criterion, i: number): void {
  const field = (name: string) => `query[${i}].${name}`;
  if (!EVALUATED.has(criterion.type)) {
    throw invalidValue(field("type"), `the sandbox evaluates ${[...EVALUATED].join(", ")} only`);
  }
  for (const unsupported of ["group", "startValue", "endValue", "dateFormat"] as const) {
    if (criterion[unsupported] !== undefined) throw invalidValue(field(unsupported), "is not supported by the sandbox");
  }
  if (criterion.type === "MATCH_ALL") return;
  if (!criterion.fields?.length) {
    throw invalidValue(field("fields"), `must name at least one field for ${criterion.type}`);
  }
  const unknown = criterion.fields.find((name) => !FIELDS[name]);
  if (unknown) {
    throw invalidValue(field("fields"), `the sandbox searches ${Object.keys(FIELDS).join(", ")} (got ${unknown})`);
  }
  if (criterion.value === undefined && !criterion.values?.length) {
    throw invalidValue(field("value"), "value or values is required");
  }
}

/** Emails and usernames compare without case (inferred); other EXACT matches are exact. */
function matches(user: StoredUser, criterion: Criterion): boolean {
  if (criterion.type === "MATCH_ALL") return true;
  const wanted = [...(criterion.value === undefined ? [] : [criterion.value]), ...(criterion.values ?? [])];
  return (criterion.fields ?? []).some((name) => {
    const actual = FIELDS[name]!(user);
    if (actual === undefined) return false;
    const caseless = criterion.type !== "EXACT" || name === "email" || name === "username";
    const [have, candidates] = caseless ? [actual.toLowerCase(), wanted.map((w) => w.toLowerCase())] : [actual, wanted];
    if (criterion.type === "EXACT") return candidates.includes(have);
    if (criterion.type === "STARTS_WITH") return candidates.some((c) => have.startsWith(c));
    return candidates.some((c) => have.includes(c));
  });
}

/** AND criteria must all match, at least one OR criterion must (when there are any), no NOT criterion may. */
function selected(user: StoredUser, query: Criterion[]): boolean {
  const by = (operator: Criterion["operator"]) => query.filter((criterion) => criterion.operator === operator);
  const or = by("OR");
  return (
    by("AND").every((criterion) => matches(user, criterion)) &&
    (or.length === 0 || or.some((criterion) => matches(user, criterion))) &&
    !by("NOT").some((criterion) => matches(user, criterion))
  );
}

export function registerUserSearchRoute(router: Router): void {
  router.add("POST", "/api/v2/users/search", (ctx) => {
    const caller = callerOf(ctx);
    requirePermissions(caller, "directory:user:view");
    const request = jsonBody(ctx, searchSchema);
    request.query.forEach(checkCriterion);
    const key = FIELDS[request.sortBy]!;
    const found = [...caller.org.users.values()]
      .filter((user) => selected(user, request.query))
      .sort((a, b) => (key(a) ?? "").localeCompare(key(b) ?? "") * (request.sortOrder === "DESC" ? -1 : 1));
    const { pageSize, pageNumber } = request;
    const page = found.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    const results = page.map((user) => userView(caller.org, user));
    const pageCount = Math.ceil(found.length / pageSize);
    return ok({ total: found.length, pageCount, pageSize, pageNumber, types: ["users"], results });
  });
}
