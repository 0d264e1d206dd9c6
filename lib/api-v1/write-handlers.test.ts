import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens";
import { systemActor } from "@/lib/audit/record";
import type { Role } from "@/lib/auth/roles";
import { closeJobQueue } from "@/lib/jobs/queue-client";
import { SAML_KEY_MATERIAL } from "@/lib/provisioning";
import { createUser } from "@/lib/users/manage-users";
import { bootstrapClientOf, defaultGenesysSeed, startGenesysCloudSandbox } from "@/sandbox/genesys-cloud";
import type { RunningGenesysSandbox } from "@/sandbox/genesys-cloud";
import { SANDBOX_ADMIN } from "@/sandbox/gax/default-seed";
import { startTestSandbox } from "@/sandbox/gax/sandbox-test-kit";
import { testDb, uniqueEmail } from "@/test/support/db";
import { planTenant } from "./handlers";
import {
  createDeploymentRoute,
  createTenantRoute,
  importFleetRoute,
  rotateCertificateRoute,
  updateDeploymentRoute,
  updateTenantRoute,
} from "./write-handlers";

const db = testDb();
let genesys: RunningGenesysSandbox;
let gax: Awaited<ReturnType<typeof startTestSandbox>>;
const tokens = {} as Record<Role, string>;
const emails = {} as Record<Role, string>;

beforeAll(async () => {
  genesys = await startGenesysCloudSandbox({ port: 0 });
  gax = await startTestSandbox();
  for (const role of ["admin", "operator", "viewer"] as const) {
    const { user } = await createUser(db, { actor: systemActor }, { email: uniqueEmail(role), name: role, role });
    const actor = { id: user.id, email: user.email, role };
    tokens[role] = (await createApiToken(db, { actor }, { input: { name: `${role}-token` } })).token;
    emails[role] = user.email;
  }
}, 60_000);
afterAll(async () => {
  await closeJobQueue();
  await Promise.all([genesys.close(), gax.sandbox.close()]);
});

// Answers are read loosely here: each test asserts the fields it cares about.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of many shapes
type Answer = Record<string, any>;
type Route = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(
  route: Route,
  { as, body, params = {}, query = "", headers = {} }: CallOptions,
): Promise<{ status: number; json: Answer; text: string }> {
  const request = new Request(`http://localhost/api/v1/x${query}`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${tokens[as]}`,
      "x-hp-client-address": "203.0.113.7",
      "Content-Type": "application/json",
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body ?? {}),
  });
  const response = await route(request, { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as Answer, text };
}
type CallOptions = {
  as: Role;
  body?: unknown;
  params?: Record<string, string>;
  query?: string;
  headers?: Record<string, string>;
};

const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;
const acme = bootstrapClientOf(defaultGenesysSeed, "acme-eu");
const deploymentBody = (name = unique("api-dep")) => ({
  name,
  layout: "multi-tenant",
  gaxBaseUrl: gax.sandbox.deploymentUrls.multi!,
  gaxUsername: SANDBOX_ADMIN.username,
  gaxPassword: SANDBOX_ADMIN.password,
});
const tenantBody = (deploymentId: string, overrides: Record<string, unknown> = {}) => ({
  deploymentId,
  cfgTenantName: unique("Tenant"),
  region: "eu-west-1",
  loginBaseUrl: genesys.url,
  apiBaseUrl: genesys.url,
  bootstrapClientId: acme.clientId,
  bootstrapClientSecret: acme.clientSecret,
  ...overrides,
});
const auditOf = (targetId: string, action: string) =>
  db.auditEvent.findMany({ where: { targetId, action }, orderBy: { seq: "asc" } });

async function newDeployment() {
  const created = await call(createDeploymentRoute, { as: "admin", body: deploymentBody() });
  expect(created.status).toBe(201);
  return created.json.deployment as { id: string; name: string };
}

describe("POST /deployments and PATCH /deployments/{id}", () => {
  it("registers a deployment after GAX accepts the sign-in, audited under the token's user, password never returned", async () => {
    const created = await call(createDeploymentRoute, { as: "admin", body: deploymentBody() });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      deployment: { layout: "multi-tenant", connectionOk: true },
      connection: { ok: true },
    });
    expect(created.text).not.toContain(SANDBOX_ADMIN.password);
    const [event] = await auditOf(created.json.deployment.id, "deployment.create");
    expect(event).toMatchObject({ actorEmail: emails.admin, outcome: "success" });
  });

  it("refuses operators and viewers with a 403 problem", async () => {
    for (const as of ["operator", "viewer"] as const) {
      const refused = await call(createDeploymentRoute, { as, body: deploymentBody() });
      expect(refused.status).toBe(403);
      expect(refused.json).toMatchObject({
        type: "/api/v1/problems/forbidden",
        detail: `The ${as} role does not allow this.`,
      });
    }
  });

  it("names the refused field: its own rule, a cross-field rule, and GAX refusing the password", async () => {
    const badUrl = await call(createDeploymentRoute, {
      as: "admin",
      body: { ...deploymentBody(), gaxBaseUrl: "ftp://x" },
    });
    expect(badUrl.status).toBe(400);
    expect(Object.keys(badUrl.json.errors)).toEqual(["gaxBaseUrl"]);
    const crossField = await call(createDeploymentRoute, {
      as: "admin",
      body: { ...deploymentBody(), objectTenant: "Resources" },
    });
    expect(crossField.json.errors.objectTenant).toEqual([expect.stringContaining("single-tenant")]);
    const wrong = await call(createDeploymentRoute, {
      as: "admin",
      body: { ...deploymentBody(), gaxPassword: "nope" },
    });
    expect(wrong.status).toBe(400);
    expect(Object.keys(wrong.json.errors)).toEqual(["gaxPassword"]);
    expect(wrong.text).not.toContain('"nope"');
  });

  it("changes only the fields given", async () => {
    const deployment = await newDeployment();
    const updated = await call(updateDeploymentRoute, {
      as: "admin",
      params: { id: deployment.id },
      body: { notes: "Moved to rack 7" },
    });
    expect(updated.status).toBe(200);
    expect(updated.json.deployment).toMatchObject({ name: deployment.name, notes: "Moved to rack 7" });
    expect(updated.json.connection).toBeNull();
    const [event] = await auditOf(deployment.id, "deployment.update");
    expect(event!.details).toMatchObject({ changes: { notes: { from: "", to: "Moved to rack 7" } } });
    const operator = await call(updateDeploymentRoute, { as: "operator", params: { id: deployment.id }, body: {} });
    expect(operator.status).toBe(403);
  });
});

describe("POST /tenants and PATCH /tenants/{id}", () => {
  it("registers a tenant whose bootstrap credentials work, the secret sealed and never returned", async () => {
    const deployment = await newDeployment();
    const created = await call(createTenantRoute, { as: "operator", body: tenantBody(deployment.id) });
    expect(created.status).toBe(201);
    expect(created.json.tenant).toMatchObject({ deployment: { id: deployment.id }, bootstrapClientId: acme.clientId });
    expect(created.text).not.toContain(acme.clientSecret);
    const [event] = await auditOf(created.json.tenant.id, "tenant.create");
    expect(event).toMatchObject({ actorEmail: emails.operator });
    const viewer = await call(createTenantRoute, { as: "viewer", body: tenantBody(deployment.id) });
    expect(viewer.status).toBe(403);
  });

  it("names the field: a region that does not exist, a secret the org refuses", async () => {
    const deployment = await newDeployment();
    const region = await call(createTenantRoute, {
      as: "operator",
      body: tenantBody(deployment.id, { region: "mars-1" }),
    });
    expect(region.status).toBe(400);
    expect(Object.keys(region.json.errors)).toEqual(["region"]);
    const secret = await call(createTenantRoute, {
      as: "operator",
      body: tenantBody(deployment.id, { bootstrapClientSecret: "wrong-secret" }),
    });
    expect(secret.status).toBe(400);
    expect(Object.keys(secret.json.errors)).toEqual(["bootstrapClientSecret"]);
    expect(await db.tenant.count({ where: { deploymentId: deployment.id } })).toBe(0);
  });

  it("edits only the fields given and audits the change", async () => {
    const deployment = await newDeployment();
    const created = await call(createTenantRoute, { as: "operator", body: tenantBody(deployment.id) });
    const id = created.json.tenant.id as string;
    const updated = await call(updateTenantRoute, {
      as: "operator",
      params: { id },
      body: { services: ["predictive-engagement", "agent-pacing"] },
    });
    expect(updated.status).toBe(200);
    expect(await db.tenant.findUniqueOrThrow({ where: { id } })).toMatchObject({
      services: ["predictive-engagement", "agent-pacing"],
      region: "eu-west-1",
      loginBaseUrl: genesys.url,
    });
    const [event] = await auditOf(id, "tenant.update");
    expect(Object.keys(event!.details as object)).toContain("changes");
    const bad = await call(updateTenantRoute, { as: "operator", params: { id }, body: { services: ["nope"] } });
    expect(bad.json.errors).toHaveProperty("services");
  });
});

describe("POST /import", () => {
  const fleet = (name: string, region = "eu-west-1") => `version: 1
deployments:
  - name: ${name}
    layout: multi-tenant
    gaxBaseUrl: ${gax.sandbox.deploymentUrls.multi}
    gaxUsername: ${SANDBOX_ADMIN.username}
    gaxPassword: ${SANDBOX_ADMIN.password}
    tenants:
      - cfgTenantName: Hooli
        region: ${region}
        bootstrapClientId: hooli-client
        bootstrapClientSecret: hooli-secret
`;
  const yaml = { "Content-Type": "application/yaml" };

  it("previews with dryRun=true, then imports in one transaction audited under the token's user", async () => {
    const name = unique("Fleet");
    const preview = await call(importFleetRoute, {
      as: "admin",
      body: fleet(name),
      headers: yaml,
      query: "?dryRun=true",
    });
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({ applied: false, unchanged: 0 });
    expect(preview.json.changes).toHaveLength(2);
    expect(await db.deployment.count({ where: { name } })).toBe(0);
    const imported = await call(importFleetRoute, { as: "admin", body: fleet(name), headers: yaml });
    expect(imported.json).toMatchObject({ applied: true });
    const deployment = await db.deployment.findUniqueOrThrow({ where: { name }, include: { tenants: true } });
    expect(deployment.tenants.map((tenant) => tenant.cfgTenantName)).toEqual(["Hooli"]);
    const [event] = await auditOf(deployment.tenants[0]!.id, "tenant.create");
    expect(event).toMatchObject({ actorEmail: emails.admin });
  });

  it("accepts JSON too, and refuses a document's problems naming the path, line and column", async () => {
    const json = JSON.stringify({ version: 1, deployments: [{ name: unique("Json") }] });
    const refusedJson = await call(importFleetRoute, { as: "admin", body: json });
    expect(refusedJson.status).toBe(400);
    expect(Object.keys(refusedJson.json.errors)).toContain("deployments[0].gaxBaseUrl");
    const refused = await call(importFleetRoute, { as: "admin", body: fleet(unique("Bad"), "nowhere"), headers: yaml });
    expect(refused.status).toBe(400);
    expect(refused.json.detail).toBe("The fleet document has 1 problem; nothing was written.");
    expect(refused.json.errors["deployments[0].tenants[0].region"]).toEqual([
      expect.stringMatching(/^must be a Genesys Cloud region id .*\(line 10, column 17\)$/),
    ]);
    const wrongType = await call(importFleetRoute, {
      as: "admin",
      body: fleet("x"),
      headers: { "Content-Type": "text/plain" },
    });
    expect(Object.keys(wrongType.json.errors)).toEqual(["Content-Type"]);
  });

  it("imports a CSV of tenants sent as text/csv, its problems named by line and column", async () => {
    const deployment = await newDeployment();
    const csv = (region: string) =>
      `deployment,cfgTenantName,region,bootstrapClientId,bootstrapClientSecret\n${deployment.name},Umbrella,${region},u-client,u-secret\n`;
    const headers = { "Content-Type": "text/csv" };
    const refused = await call(importFleetRoute, { as: "operator", body: csv("nowhere"), headers });
    expect(refused.status).toBe(400);
    expect(refused.json.errors.region).toEqual([expect.stringMatching(/\(line 2, column 3\)$/)]);
    const dry = await call(importFleetRoute, {
      as: "operator",
      body: csv("eu-west-1"),
      headers,
      query: "?dryRun=true",
    });
    expect(dry.json).toMatchObject({ applied: false, unchanged: 1 });
    expect(dry.json.changes).toEqual([
      { action: "create", target: "tenant", label: `${deployment.name}/Umbrella`, fields: [] },
    ]);
    const imported = await call(importFleetRoute, { as: "operator", body: csv("eu-west-1"), headers });
    expect(imported.json).toMatchObject({ applied: true });
    const [tenant] = await db.tenant.findMany({ where: { deploymentId: deployment.id } });
    expect(await auditOf(tenant!.id, "tenant.create")).toEqual([
      expect.objectContaining({ actorEmail: emails.operator }),
    ]);
  });

  it("lets an operator import tenants but not deployments, and refuses viewers", async () => {
    const name = unique("Ops");
    const forbidden = await call(importFleetRoute, { as: "operator", body: fleet(name), headers: yaml });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.detail).toContain("deployment.manage");
    await call(importFleetRoute, { as: "admin", body: fleet(name, "eu-west-1"), headers: yaml });
    const tenantsOnly = await call(importFleetRoute, { as: "operator", body: fleet(name, "us-east-1"), headers: yaml });
    expect(tenantsOnly.status).toBe(200);
    expect(tenantsOnly.json.changes).toEqual([
      { action: "update", target: "tenant", label: `${name}/Hooli`, fields: ["region"] },
    ]);
    expect((await call(importFleetRoute, { as: "viewer", body: fleet(name), headers: yaml })).status).toBe(403);
  });
});

describe("runs of one step, and certificate rotation", () => {
  async function registeredTenant() {
    const deployment = await newDeployment();
    const created = await call(createTenantRoute, { as: "operator", body: tenantBody(deployment.id) });
    return created.json.tenant.id as string;
  }

  it("queues a plan of one step, and names an unknown step", async () => {
    const id = await registeredTenant();
    const planned = await call(planTenant, { as: "operator", params: { id }, body: { step: "connect-org" } });
    expect(planned.status).toBe(202);
    expect(planned.json).toMatchObject({ mode: "plan", stepKey: "connect-org", status: "queued" });
    const unknown = await call(planTenant, { as: "operator", params: { id }, body: { step: "nope" } });
    expect(unknown.json.errors).toEqual({ step: ["is not a known step"] });
  });

  it("rotates only for admins, refuses a tenant without key material, and answers a repeated key with the same job", async () => {
    const id = await registeredTenant();
    const operator = await call(rotateCertificateRoute, { as: "operator", params: { id } });
    expect(operator.status).toBe(403);
    expect(operator.json.detail).toContain("needs the admin role");
    const early = await call(rotateCertificateRoute, { as: "admin", params: { id } });
    expect(early.status).toBe(412);
    await db.stepState.create({
      data: {
        tenantId: id,
        stepKey: SAML_KEY_MATERIAL,
        status: "done",
        outputs: { certificatePem: "pem", sha256Fingerprint: "ab:cd", notAfter: "2030-01-01T00:00:00.000Z" },
      },
    });
    const headers = { "Idempotency-Key": unique("rotate") };
    const queued = await call(rotateCertificateRoute, { as: "admin", params: { id }, headers });
    expect(queued.status).toBe(202);
    expect(queued.json).toMatchObject({ tenantId: id, status: "queued", jobId: expect.any(String) });
    const again = await call(rotateCertificateRoute, { as: "admin", params: { id }, headers });
    expect(again.json.jobId).toBe(queued.json.jobId);
  });
});
