import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens";
import { systemActor } from "@/lib/audit/record";
import { createDeployment, createTenant } from "@/lib/provisioning";
import { testAudit } from "@/lib/provisioning/test-support";
import { createUser } from "@/lib/users/manage-users";
import { testDb, uniqueEmail } from "@/test/support/db";
import { listTenants } from "./handlers";

const db = testDb();
let token = "";
let deploymentId = "";

beforeAll(async () => {
  const { user } = await createUser(db, { actor: systemActor }, { email: uniqueEmail(), name: "v", role: "viewer" });
  const actor = { id: user.id, email: user.email, role: "viewer" as const };
  token = (await createApiToken(db, { actor }, { input: { name: "list" } })).token;
  const deployment = await createDeployment(db, testAudit, {
    name: `api-list-${randomBytes(4).toString("hex")}`,
    layout: "multi-tenant",
    gaxBaseUrl: "http://127.0.0.1:9/gax",
    gaxUsername: "default",
    gaxPassword: "gax-password",
  });
  deploymentId = deployment.id;
  for (const name of ["Kilo", "Lima", "Mike"])
    await createTenant(db, testAudit, {
      deploymentId,
      cfgTenantName: name,
      region: "eu-west-1",
      bootstrapClientId: `client-${name}`,
      bootstrapClientSecret: "bootstrap-secret",
      services: ["predictive-engagement"],
    });
});

const get = (query: string) =>
  listTenants(
    new Request(`http://localhost/api/v1/tenants?deployment=${deploymentId}&${query}`, {
      headers: { Authorization: `Bearer ${token}`, "x-hp-client-address": "203.0.113.8" },
    }),
    { params: Promise.resolve({}) },
  );

describe("GET /api/v1/tenants", () => {
  it("pages by cursor: each page names the next one until the last, whose nextCursor is null", async () => {
    const first = await get("limit=2");
    expect(first.status).toBe(200);
    const page = (await first.json()) as {
      items: { cfgTenantName: string }[];
      total: number;
      nextCursor: string | null;
    };
    expect(page).toMatchObject({ total: 3, items: [{ cfgTenantName: "Kilo" }, { cfgTenantName: "Lima" }] });
    const last = (await (await get(`limit=2&cursor=${page.nextCursor}`)).json()) as typeof page;
    expect(last).toMatchObject({ total: 3, items: [{ cfgTenantName: "Mike" }], nextCursor: null });
  });

  it("refuses a cursor it did not make, or one of another sort, naming the cursor", async () => {
    const bad = await get("cursor=abc");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: { cursor: ["must be a nextCursor from a previous page"] } });
    const { nextCursor } = (await (await get("limit=1")).json()) as { nextCursor: string };
    const otherSort = await get(`limit=1&sort=region&cursor=${nextCursor}`);
    expect(otherSort.status).toBe(400);
    expect(await otherSort.json()).toMatchObject({ errors: { cursor: [expect.stringContaining("another sort")] } });
  });
});
