import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "../index";
import { ACME, acmeAuditor, api, tokenFor, withSandbox } from "../test-support";

const SEARCH = "/api/v2/users/search";
const exact = (field: string, values: string[]) => ({ type: "EXACT", fields: [field], values });

describe("POST /api/v2/users/search", () => {
  let sandbox: RunningGenesysSandbox;
  beforeAll(async () => {
    sandbox = await withSandbox();
  });
  afterAll(() => sandbox.close());
  const search = async (body: unknown, client: { clientId: string; clientSecret: string } = ACME) => api(sandbox.url, await tokenFor(sandbox.url, client), "POST", SEARCH, body);

  it("finds users by exact email, ignoring case, in the UsersSearchResponse shape", async () => {
    const { status, body } = await search({ pageSize: 25, query: [exact("email", ["ALEX.AGENT@acme-eu.example.com", "nobody@acme-eu.example.com"])] });
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 1, pageCount: 1, pageSize: 25, pageNumber: 1, types: ["users"] });
    expect((body.results as { email: string; division: { name: string } }[]).map((user) => [user.email, user.division.name])).toEqual([["alex.agent@acme-eu.example.com", "Home"]]);
  });

  it("answers an empty result with total 0 and no pages", async () => {
    const { body } = await search({ query: [{ type: "EXACT", fields: ["email"], value: "nobody@acme-eu.example.com" }] });
    expect(body).toEqual({ total: 0, pageCount: 0, pageSize: 25, pageNumber: 1, types: ["users"], results: [] });
  });

  it("combines AND, OR and NOT criteria, pages and sorts", async () => {
    const both = await search({ pageSize: 1, sortBy: "email", sortOrder: "DESC", query: [{ type: "CONTAINS", fields: ["email"], value: "@acme-eu.example.com" }] });
    expect(both.body).toMatchObject({ total: 2, pageCount: 2, pageSize: 1 });
    expect((both.body.results as { email: string }[])[0]!.email).toBe("alex.agent@acme-eu.example.com");
    const notAdmin = await search({ query: [{ type: "MATCH_ALL" }, { ...exact("email", ["admin@acme-eu.example.com"]), operator: "NOT" }] });
    expect((notAdmin.body.results as { name: string }[]).map((user) => user.name)).toEqual(["Alex Agent"]);
    const either = await search({ query: [{ ...exact("name", ["Alex Agent"]), operator: "OR" }, { ...exact("state", ["inactive"]), operator: "OR" }] });
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
    expect(await field({ query: [{ type: "EXACT", fields: ["email"], value: "x", group: [] }] })).toBe("query[0].group");
    const auditorRole = await search({ query: [] }, acmeAuditor);
    expect(auditorRole.status).toBe(200);
  });
});
