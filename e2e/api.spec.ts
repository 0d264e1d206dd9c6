import type { Page } from "@playwright/test";
import { createApiClient } from "../lib/api-v1/client";
import { expect, test } from "./support/test";
import { SANDBOX_ADMIN, SANDBOX_AGENT_PASSWORD } from "../sandbox/gax/default-seed";
import { bootstrapClientOf, defaultGenesysSeed } from "../sandbox/genesys-cloud";
import { e2eAdmin, e2eBaseUrl, e2eEnvironment } from "./support/environment";
import { seriousViolations } from "./support/accessibility";
import { expectNoHorizontalScroll } from "./support/layout";
import { signInAs } from "./support/session";
import { dismissToast } from "./support/toasts";

// A pipeline's view: a personal API token made on the API tokens page, then plan and apply of the demo tenant Globex
// through /api/v1 with the client generated from the OpenAPI document, polling each run until it ends.
test.describe.configure({ mode: "serial" });

let token = "";
const tokenName = `pipeline-${Date.now()}`;

async function createTokenInUi(page: Page): Promise<string> {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await page.getByRole("button", { name: "New token" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("textbox", { name: "Name" }).fill(tokenName);
  await dialog.getByRole("spinbutton", { name: /Expires in/ }).fill("1");
  await dialog.getByRole("button", { name: "Create token" }).click();
  const secret = dialog.getByTestId("one-time-secret");
  await expect(secret).toHaveText(/^hp_/);
  const value = (await secret.textContent())!.trim();
  await dialog.getByRole("button", { name: "Done" }).click();
  await dismissToast(page, `API token ${tokenName} created.`);
  await expect(page.getByTestId(`api-token-row-${tokenName}`)).toContainText(value.slice(0, 9));
  return value;
}

type Client = ReturnType<typeof createApiClient>;

/** The isolation step's form on the checklist, shown while the step waits for its sample agent. */
async function enterWaitingIsolationAgent(page: Page, tenantId: string) {
  await page.goto(`/tenants/${tenantId}`);
  const asking = page.getByTestId("step-tenant-isolation").getByTestId("step-needs-input");
  await asking.getByRole("textbox", { name: "Username" }).fill("globex.agent1");
  await asking.locator("input[name=password]").fill(SANDBOX_AGENT_PASSWORD);
  await asking.getByRole("button", { name: "Check and complete" }).click();
  await expect(page.getByText("The run that waited for it carries on by itself.")).toBeVisible();
}

/** Polls the run until it is no longer queued or running; returns its final state. */
async function runEnded(client: Client, runId: string) {
  let status = "queued";
  let run: Awaited<ReturnType<Client["GET"]>>["data"];
  await expect
    .poll(
      async () => {
        const response = await client.GET("/runs/{id}", { params: { path: { id: runId } } });
        run = response.data;
        status = response.data?.status ?? `error ${response.response.status}`;
        return status;
      },
      { timeout: 150_000, intervals: [1000] },
    )
    .not.toMatch(/^(queued|running)$/);
  return run as NonNullable<typeof run> & { status: string };
}

test("a token made on the API tokens page drives plan and apply of a demo tenant with the generated client", async ({
  page,
}) => {
  test.setTimeout(420_000);
  token = await createTokenInUi(page);
  const client = createApiClient({ origin: e2eBaseUrl, token });

  const health = await client.GET("/health");
  expect(health.data).toEqual({ status: "ok", database: true, version: "v1" });

  const tenants = await client.GET("/tenants", { params: { query: { q: "Globex" } } });
  expect(tenants.response.headers.get("RateLimit-Limit")).toBe("120");
  const globex = tenants.data?.items.find((tenant) => tenant.cfgTenantName === "Globex");
  expect(globex).toBeDefined();
  const tenantId = globex!.id;

  const planned = await client.POST("/tenants/{id}/plan", {
    params: { path: { id: tenantId }, header: { "Idempotency-Key": `plan-${tokenName}` } },
    body: {},
  });
  expect(planned.response.status).toBe(202);
  expect(planned.data).toMatchObject({ mode: "plan", status: "queued", tenantId });
  const replayed = await client.POST("/tenants/{id}/plan", {
    params: { path: { id: tenantId }, header: { "Idempotency-Key": `plan-${tokenName}` } },
    body: {},
  });
  expect(replayed.data?.id).toBe(planned.data!.id);
  expect(["succeeded", "needs-input"]).toContain((await runEnded(client, planned.data!.id)).status);

  let applied = await runEnded(client, (await apply(client, tenantId)).id);
  if (applied.status === "needs-input") {
    // On fresh data the isolation check waits for a sample agent, which a person enters on the checklist; the run
    // that waited is then queued again by itself, and the pipeline follows it through the tenant's runs.
    const steps = await client.GET("/tenants/{id}/steps", { params: { path: { id: tenantId } } });
    expect(steps.data?.items.find((step) => step.key === "tenant-isolation")?.status).toBe("needs-input");
    await enterWaitingIsolationAgent(page, tenantId);
    const waited = applied.id;
    let continued = "";
    await expect
      .poll(async () => {
        const runs = await client.GET("/tenants/{id}/runs", {
          params: { path: { id: tenantId }, query: { limit: 1 } },
        });
        continued = runs.data?.items[0]?.id ?? "";
        return continued;
      })
      .not.toBe(waited);
    applied = await runEnded(client, continued);
  }
  expect(applied).toMatchObject({ mode: "apply", status: "succeeded", requestedBy: e2eAdmin.email });

  const steps = await client.GET("/tenants/{id}/steps", { params: { path: { id: tenantId } } });
  const statuses = new Set(steps.data!.items.filter((step) => step.applies).map((step) => step.status));
  expect([...statuses]).toEqual(["done"]);
  const runs = await client.GET("/tenants/{id}/runs", { params: { path: { id: tenantId }, query: { limit: 5 } } });
  expect(runs.data?.items[0]?.id).toBe(applied.id);
  const audit = await client.GET("/audit-events", {
    params: { query: { action: "api_token.use_new_address", limit: 5 } },
  });
  expect(audit.data?.items.some((event) => event.targetLabel === tokenName)).toBe(true);
});

async function apply(client: Client, tenantId: string) {
  const response = await client.POST("/tenants/{id}/apply", { params: { path: { id: tenantId } }, body: {} });
  expect(response.response.status).toBe(202);
  return response.data!;
}

test("the pipeline rotates the provisioned tenant's certificate and follows the rotation's run", async () => {
  test.setTimeout(240_000);
  const client = createApiClient({ origin: e2eBaseUrl, token });
  const tenants = await client.GET("/tenants", { params: { query: { q: "Globex" } } });
  const tenantId = tenants.data!.items.find((tenant) => tenant.cfgTenantName === "Globex")!.id;
  const before = await client.GET("/tenants/{id}/runs", { params: { path: { id: tenantId }, query: { limit: 1 } } });
  const key = { "Idempotency-Key": `rotate-${tokenName}` };
  const queued = await client.POST("/tenants/{id}/certificate/rotate", {
    params: { path: { id: tenantId }, header: key },
    body: {},
  });
  expect(queued.response.status).toBe(202);
  expect(queued.data).toMatchObject({ tenantId, status: "queued" });
  const again = await client.POST("/tenants/{id}/certificate/rotate", {
    params: { path: { id: tenantId }, header: key },
    body: {},
  });
  expect(again.data?.jobId).toBe(queued.data!.jobId);
  // The worker starts the rotation's run when it takes the job: the tenant's newest run, stepKey certificate-rotation.
  let rotationRun = "";
  await expect
    .poll(
      async () => {
        const runs = await client.GET("/tenants/{id}/runs", {
          params: { path: { id: tenantId }, query: { limit: 1 } },
        });
        const newest = runs.data?.items[0];
        rotationRun = newest && newest.id !== before.data?.items[0]?.id ? newest.id : "";
        return newest?.stepKey;
      },
      { timeout: 60_000 },
    )
    .toBe("certificate-rotation");
  expect((await runEnded(client, rotationRun)).status).toBe("succeeded");
});

test("a pipeline registers a deployment and imports a tenant through the API, then plans and applies it", async () => {
  test.setTimeout(240_000);
  const client = createApiClient({ origin: e2eBaseUrl, token });
  const name = `API ${Date.now()}`;
  const created = await client.POST("/deployments", {
    body: {
      name,
      layout: "multi-tenant",
      gaxBaseUrl: `http://127.0.0.1:${e2eEnvironment.GAX_SANDBOX_PORT}/multi`,
      gaxUsername: SANDBOX_ADMIN.username,
      gaxPassword: SANDBOX_ADMIN.password,
    },
  });
  expect(created.response.status).toBe(201);
  expect(created.data).toMatchObject({ deployment: { name, connectionOk: true }, connection: { ok: true } });
  expect(JSON.stringify(created.data)).not.toContain(SANDBOX_ADMIN.password);

  // An org no demo tenant holds: an org belongs to one tenant, and the demo Initech's is connected by then.
  const initech = bootstrapClientOf(defaultGenesysSeed, "umbrella-apac");
  const genesys = `http://127.0.0.1:${e2eEnvironment.GENESYS_SANDBOX_PORT}`;
  const csv =
    "deployment,cfgTenantName,region,loginBaseUrl,apiBaseUrl,bootstrapClientId,bootstrapClientSecret\n" +
    `${name},Initech,ap-southeast-2,${genesys},${genesys},${initech.clientId},${initech.clientSecret}\n`;
  const importCsv = (dryRun: boolean) =>
    fetch(`${e2eBaseUrl}/api/v1/import?dryRun=${dryRun}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/csv" },
      body: csv,
    }).then((response) => response.json());
  expect(await importCsv(true)).toMatchObject({
    applied: false,
    changes: [{ action: "create", target: "tenant", label: `${name}/Initech` }],
  });
  expect(await importCsv(false)).toMatchObject({ applied: true });

  const listed = await client.GET("/tenants", { params: { query: { deployment: created.data!.deployment.id } } });
  const tenantId = listed.data!.items[0]!.id;
  const edited = await client.PATCH("/tenants/{id}", {
    params: { path: { id: tenantId } },
    body: { services: ["predictive-engagement", "agent-pacing"] },
  });
  expect(edited.response.status).toBe(200);
  expect(edited.data?.tenant).toMatchObject({ id: tenantId, cfgTenantName: "Initech" });

  const planned = await client.POST("/tenants/{id}/plan", { params: { path: { id: tenantId } }, body: {} });
  expect(planned.response.status).toBe(202);
  expect(["succeeded", "needs-input"]).toContain((await runEnded(client, planned.data!.id)).status);
  const connected = await client.POST("/tenants/{id}/apply", {
    params: { path: { id: tenantId } },
    body: { step: "connect-org" },
  });
  expect(connected.data).toMatchObject({ mode: "apply", stepKey: "connect-org", status: "queued" });
  expect(await runEnded(client, connected.data!.id)).toMatchObject({ status: "succeeded" });
  const steps = await client.GET("/tenants/{id}/steps", { params: { path: { id: tenantId } } });
  expect(steps.data?.items.find((step) => step.key === "connect-org")?.status).toBe("done");
});

test("bad input is a problem naming the field, and a revoked token is refused", async ({ page }) => {
  const client = createApiClient({ origin: e2eBaseUrl, token });
  const bad = await client.GET("/tenants", { params: { query: { status: "nope" as "done" } } });
  expect(bad.response.status).toBe(400);
  expect(bad.response.headers.get("content-type")).toBe("application/problem+json");
  expect(bad.error).toMatchObject({ status: 400, title: "Invalid input", errors: { status: [expect.any(String)] } });

  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto("/api-tokens");
  await page.getByRole("button", { name: `Revoke ${tokenName}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await dismissToast(page, `API token ${tokenName} revoked.`);
  await expect(page.getByTestId(`api-token-row-${tokenName}`)).toContainText("Revoked");
  const refused = await client.GET("/deployments");
  expect(refused.response.status).toBe(401);
});

test("the OpenAPI document is served, and the API reference page lists its operations", async ({ page, request }) => {
  const document = await (await request.get("/api/v1/openapi.json")).json();
  expect(document.openapi).toBe("3.1.0");
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  const apply = page.getByTestId("api-operation-applyTenant");
  await expect(apply).toContainText("/api/v1/tenants/{id}/apply");
  await expect(apply).toContainText("Idempotency-Key");
  expect(await seriousViolations(page)).toEqual([]);
  await expectNoHorizontalScroll(page);
});
