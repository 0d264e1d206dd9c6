import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createApiToken } from "@/lib/api-tokens";
import { systemActor } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { createUser, setUserActive, updateUser } from "@/lib/users/manage-users";
import { testDb, uniqueEmail } from "@/test/support/db";
import { apiRoute } from "./api-route";
import { defineOperation } from "./operation";
import { createRateLimiter } from "./rate-limit";

const db = testDb();
const system = { actor: systemActor };

const operation = defineOperation({
  operationId: "testRun",
  method: "post",
  path: "/things/{id}",
  summary: "test",
  tag: "Test",
  permission: "provisioning.run",
  params: z.object({ id: z.uuid("must be an id") }),
  query: z.object({ limit: z.coerce.number().int().max(10, "must be at most 10").default(5) }),
  body: z.object({ name: z.string().min(1, "must not be empty") }),
  response: z.object({ id: z.string(), name: z.string(), limit: z.number(), role: z.string() }),
});

const handler = apiRoute(operation, async ({ params, query, body, caller }) => {
  if (body.name === "missing") throw new AppError("not_found", "No such thing.");
  if (body.name === "crash") throw new Error("database password in the message");
  return { id: params.id, name: body.name, limit: query.limit, role: caller.user.role };
});

const id = "00000000-0000-4000-8000-000000000001";
const call = (
  token: string | null,
  { body = { name: "x" } as unknown, query = "", route = handler, params = { id } } = {},
) =>
  route(
    new Request(`http://localhost/api/v1/things/${params.id}${query}`, {
      method: "POST",
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), "x-hp-client-address": "203.0.113.9" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );

async function operatorToken() {
  const { user } = await createUser(db, system, { email: uniqueEmail(), name: "Op", role: "operator" });
  const { token } = await createApiToken(
    db,
    { actor: { id: user.id, email: user.email, role: "operator" } },
    {
      input: { name: "t" },
    },
  );
  return { user, token };
}

async function problemOf(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as { type: string; title: string; status: number; detail: string; errors?: object };
}

describe("the /api/v1 route wrapper", () => {
  it("answers with the handler's result and the rate-limit headers", async () => {
    const { token } = await operatorToken();
    const response = await call(token, { query: "?limit=7" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id, name: "x", limit: 7, role: "operator" });
    expect(response.headers.get("RateLimit-Limit")).toBe("120");
    expect(Number(response.headers.get("RateLimit-Remaining"))).toBeLessThan(120);
  });

  it("refuses a missing or unknown token as a 401 problem", async () => {
    const missing = await problemOf(await call(null));
    expect(missing).toMatchObject({
      type: "/api/v1/problems/unauthenticated",
      title: "Not authenticated",
      status: 401,
    });
    expect((await call("hp_" + "x".repeat(43))).status).toBe(401);
  });

  it("re-checks the user's current role and activity on every request", async () => {
    const { user, token } = await operatorToken();
    expect((await call(token)).status).toBe(200);
    await updateUser(db, system, { id: user.id, name: user.name, role: "viewer" });
    const forbidden = await problemOf(await call(token));
    expect(forbidden).toMatchObject({
      status: 403,
      title: "Forbidden",
      detail: "The viewer role does not allow this.",
    });
    await updateUser(db, system, { id: user.id, name: user.name, role: "operator" });
    await setUserActive(db, system, { id: user.id, active: false });
    expect((await call(token)).status).toBe(401);
  });

  it("names each bad field of the path, query and body", async () => {
    const { token } = await operatorToken();
    const badQuery = await problemOf(await call(token, { query: "?limit=50" }));
    expect(badQuery).toMatchObject({ status: 400, errors: { limit: ["must be at most 10"] } });
    const badPath = await problemOf(await call(token, { params: { id: "nope" } }));
    expect(badPath.errors).toEqual({ id: ["must be an id"] });
    const badBody = await problemOf(await call(token, { body: { name: "" } }));
    expect(badBody.errors).toEqual({ name: ["must not be empty"] });
    const notJson = await problemOf(await call(token, { body: "{" }));
    expect(notJson.errors).toEqual({ body: ["must be a JSON object"] });
  });

  it("maps AppError codes to their status and hides unexpected errors", async () => {
    const { token } = await operatorToken();
    expect(await problemOf(await call(token, { body: { name: "missing" } }))).toMatchObject({
      type: "/api/v1/problems/not_found",
      status: 404,
      detail: "No such thing.",
    });
    const original = console.error;
    console.error = () => undefined;
    try {
      const crash = await problemOf(await call(token, { body: { name: "crash" } }));
      expect(crash.status).toBe(500);
      expect(crash.detail).not.toContain("password");
    } finally {
      console.error = original;
    }
  });

  it("refuses with 429 once the token's bucket is empty", async () => {
    const { token } = await operatorToken();
    const limiter = createRateLimiter({ capacity: 2, refillPerSecond: 0.1 });
    const limited = apiRoute(
      operation,
      async ({ params, body, query, caller }) => ({
        id: params.id,
        name: body.name,
        limit: query.limit,
        role: caller.user.role,
      }),
      () => limiter,
    );
    expect((await call(token, { route: limited })).status).toBe(200);
    expect((await call(token, { route: limited })).headers.get("RateLimit-Remaining")).toBe("0");
    const refused = await call(token, { route: limited });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe("10");
    expect(await problemOf(refused)).toMatchObject({ title: "Too many requests", status: 429 });
  });
});
