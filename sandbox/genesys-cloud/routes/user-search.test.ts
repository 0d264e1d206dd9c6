import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "../index";
import { ACME, acmeAuditor, api, tokenFor, withSandbox } from "../test-support";

const SEARCH = "/api/v2/users/search";
const AGENT = "alex.agent@acme-eu.example.com";
const ADMIN = "admin@acme-eu.example.com";
const NOBODY = "nobody@acme-eu.example.com";
const exact = (field: string, values: string[], operator = "AND") => ({
  type: "EXACT",
  fields: [field],
  values,
  operator,
});

describe("POST /api/v2/users/search", () => {
  let sandbox: RunningGenesysSandbox;
  beforeAll(async () => {
    sandbox = await withSandbox();
  });
  afterAll(() => sandbox.close());
  const search = async (body: unknown, client: { clientId: string; clientSecret: string } = ACME) =>
    api(sandbox.url, await tokenFor(sandbox.url, client), { method: "POST", path: SEARCH, body });
  type FoundUser = { name: string; email: string; division: { name: string } };
  const users = (body: Record<string, unknown>) => body.results as FoundUser[];

  it("finds users by exact email, ignoring case, in the UsersSearchResponse shape", async () => {
    const { status, body } = await search({ pageSize: 25, query: [exact("email", [AGENT.toUpperCase(), NOBODY])] });
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 1, pageCount: 1, pageSize: 25, pageNumber: 1, types: ["users"] });
    expect(users(body).map((user) => [user.email, user.division.name])).toEqual([[AGENT, "Home"]]);
  });

  it("answers an empty result with total 0 and no pages", async () => {
    const { body } = await search({ query: [{ type: "EXACT", fields: ["email"], value: NOBODY }] });
    expect(body).toEqual({ total: 0, pageCount: 0, pageSize: 25, pageNumber: 1, types: ["users"], results: [] });
  });

  it("combines AND, OR and NOT criteria, pages and sorts", async () => {
    const contains = { type: "CONTAINS", fields: ["email"], value: "@acme-eu.example.com" };
    const both = await search({ pageSize: 1, sortBy: "email", sortOrder: "DESC", query: [contains] });
    expect(both.body).toMatchObject({ total: 2, pageCount: 2, pageSize: 1 });
    expect(users(both.body)[0]!.email).toBe(AGENT);
    const notAdmin = await search({ query: [{ type: "MATCH_ALL" }, exact("email", [ADMIN], "NOT")] });
    expect(users(notAdmin.body).map((user) => user.name)).toEqual(["Alex Agent"]);
    const either = await search({ query: [exact("name", ["Alex Agent"], "OR"), exact("state", ["inactive"], "OR")] });
    expect(either.body.total).toBe(1);
  });

  it("names the field of a request it cannot answer; a read-only client may search", async () => {
    const field = async (body: unknown) => ((await search(body)).body.messageParams as { field: string }).field;
    expect(await field({ pageSize: 500 })).toBe("pageSize");
    expect(await field({ query: [{ fields: ["email"], value: "x" }] })).toBe("query.0.type");
    expect(await field({ query: [{ type: "QUERY_STRING", value: "x" }] })).toBe("query[0].type");
    expect(await field({ query: [{ type: "EXACT", value: "x" }] })).toBe("query[0].fields");
    expect(await field({ query: [{ type: "EXACT", fields: ["phone"], value: "x" }] })).toBe("query[0].fields");
    expect(await field({ query: [{ type: "EXACT", fields: ["email"] }] })).toBe("query[0].value");
    const grouped = { type: "EXACT", fields: ["email"], value: "x", group: [] };
    expect(await field({ query: [grouped] })).toBe("query[0].group");
    expect((await search({ query: [] }, acmeAuditor)).status).toBe(200);
  });
});
