import { randomUUID } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { seriousViolations } from "./support/accessibility";
import { GaxClient } from "../lib/config-server/gax-client";
import { findHybridIntegration, requireTenant } from "../lib/config-server/gax-lookups";
import { startGaxSandbox, type GaxSandbox } from "../sandbox/gax";
import { defaultGaxSeed, SANDBOX_ADMIN, SANDBOX_AGENT_PASSWORD } from "../sandbox/gax/default-seed";
import {
  bootstrapClientOf,
  defaultGenesysSeed,
  startGenesysCloudSandbox,
  type RunningGenesysSandbox,
} from "../sandbox/genesys-cloud";
import { e2eAdmin } from "./support/environment";
import { signInAs } from "./support/session";
import {
  EMPLOYEE_ROLE,
  IDENTITY_PROVIDER,
  SMOKE_TEST,
  TENANT_ISOLATION,
  TRANSACTION_OBJECT,
} from "../lib/provisioning/client-safe";

// This spec brings its own sandboxes (with control endpoints, for fault injection) and registers its own deployment
// and tenant on them, so nothing it breaks is seen by other specs, and nothing they do changes what it sees. Its
// tenant and org are the default seeds' Initech renamed, so no row or search of another spec finds them.
const rename = <T>(seed: T): T =>
  JSON.parse(JSON.stringify(seed).replaceAll("Initech", "Vandelay").replaceAll("initech", "vandelay")) as T;
const genesysSeed = rename(defaultGenesysSeed);
// Fresh org ids too: an org is provisioned for one tenant only, and other specs provision the demo Initech.
for (const org of genesysSeed.orgs) org.id = randomUUID();
const deploymentName = "E2E drift and failure";
const tenantName = "Vandelay";
const bootstrap = bootstrapClientOf(genesysSeed, "vandelay-apac");
const driftedSsoTarget = "https://drifted.example.test/saml/sso";
const driftedOption = { section: "general", key: "default_agent_role_name", value: "drifted-role" };

let genesys: RunningGenesysSandbox;
let gax: GaxSandbox;
let checklistPath = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  genesys = await startGenesysCloudSandbox({ port: 0, seed: genesysSeed, controlEndpoints: true });
  gax = await startGaxSandbox({ port: 0, seed: rename(defaultGaxSeed), controlEndpoints: true });
});

test.afterAll(async () => {
  await Promise.allSettled([genesys?.close(), gax?.close()]);
});

async function genesysApi(method: string, path: string, body?: unknown) {
  const token = await fetch(`${genesys.url}/oauth/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${bootstrap.clientId}:${bootstrap.clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  expect(token.status, "sandbox token").toBe(200);
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  const response = await fetch(`${genesys.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${method} ${path}`).toBe(200);
  return response.json() as Promise<Record<string, unknown>>;
}

async function setFaults(url: string, faults: unknown) {
  const response = await fetch(`${url}/__sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(faults),
  });
  expect(response.status, "fault configuration").toBe(200);
}

/** Changes one option of the tenant's hybrid_integration object in GAX, as someone editing it in GAX would. */
async function changeGaxOption() {
  const client = new GaxClient({
    baseUrl: gax.deploymentUrls.multi!,
    username: SANDBOX_ADMIN.username,
    password: SANDBOX_ADMIN.password,
    passwordIsEncrypted: false,
    timeoutMs: 10_000,
  });
  const live = (await findHybridIntegration(client, await requireTenant(client, tenantName)))!;
  const property = live.userproperties.property.map((entry) =>
    entry.section === driftedOption.section && entry.key === driftedOption.key
      ? { ...entry, value: driftedOption.value }
      : entry,
  );
  await client.request("PUT", `cfg/objects/CfgTransaction/${live.dbid}`, {
    body: { ...live, userproperties: { property } },
  });
}

/** Runs "<mode> all" from the checklist and waits until the run has finished (as `ends`, by default either way). */
async function runAll(page: Page, mode: "Apply" | "Verify", ends: RegExp = /(Succeeded|Failed)/) {
  await page.getByRole("button", { name: `${mode} all` }).click();
  await page
    .getByRole("alertdialog")
    .getByRole("button", { name: `${mode} all` })
    .click();
  await expect(page.getByText(`${mode} queued for every step of ${tenantName}`)).toBeVisible();
  await expect(page.getByTestId("run-row").first()).toContainText(new RegExp(`${mode} · all steps.*${ends.source}`), {
    timeout: 150_000,
  });
}

const step = (page: Page, key: string) => page.getByTestId(`step-${key}`);

/** A single step's Apply asks first; this confirms it. */
async function confirmApply(page: Page, apply: Locator) {
  await apply.click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("Only this step runs");
  await confirm.getByRole("button", { name: "Apply" }).click();
  await expect(confirm).toHaveCount(0);
}

test("an operator registers a tenant on sandboxes that can be broken, and provisions it", async ({ page }) => {
  test.setTimeout(300_000);
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto("/deployments");
  await page.getByRole("button", { name: "New deployment" }).click();
  let dialog = page.getByRole("dialog");
  await dialog.locator("input[name=name]").fill(deploymentName);
  await dialog.getByLabel("GAX URL").fill(gax.deploymentUrls.multi!);
  await dialog.getByLabel("GAX username").fill(SANDBOX_ADMIN.username);
  await dialog.getByLabel("GAX password").fill(SANDBOX_ADMIN.password);
  await dialog.getByRole("button", { name: "Register deployment" }).click();
  await expect(page.getByText(`Deployment ${deploymentName} registered.`)).toBeVisible();

  await page.getByTestId(`deployment-row-${deploymentName}`).getByRole("button", { name: "Add tenant" }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel("Configuration Server tenant").fill(tenantName);
  await dialog.getByRole("combobox", { name: "Genesys Cloud region" }).click();
  await page.getByRole("option", { name: "Asia Pacific (Sydney) (ap-southeast-2)" }).click();
  await dialog.getByLabel("Login base URL").fill(genesys.url);
  await dialog.getByLabel("API base URL").fill(genesys.url);
  await dialog.getByLabel("Bootstrap client ID").fill(bootstrap.clientId);
  await dialog.getByLabel("Bootstrap client secret").fill(bootstrap.clientSecret);
  await dialog.getByRole("button", { name: "Register tenant" }).click();
  await expect(page.getByText(`Tenant ${tenantName} registered`)).toBeVisible();

  await page.goto(`/tenants?q=${encodeURIComponent(deploymentName)}`);
  await page.getByTestId(`tenant-row-${tenantName}`).getByRole("link", { name: tenantName }).click();
  await expect(page.getByRole("heading", { level: 1, name: tenantName })).toBeVisible();
  checklistPath = new URL(page.url()).pathname;

  // Applied before the isolation check's sample agent is entered: that step waits for it, the rest goes on.
  await runAll(page, "Apply", /Needs input/);
  const isolation = step(page, TENANT_ISOLATION);
  await expect(isolation).toHaveAttribute("data-status", "needs-input");
  await expect(isolation.getByTestId("step-status")).toHaveText("Needs input");
  await expect(step(page, SMOKE_TEST)).toHaveAttribute("data-status", "done");
  await expect(page.getByTestId("tenant-status")).toHaveText("Needs input");
  const attention = page.getByTestId("attention-banner");
  await expect(attention.locator("li[data-kind=needs-input]")).toContainText("Tenant isolation check");
  await expect(attention.locator("li[data-kind=failed]")).toHaveCount(0);
  // The form is in place, in the step, under the message that asks for the agent.
  const asking = isolation.getByTestId("step-needs-input");
  await expect(asking).toContainText(`Enter a sample agent of tenant "${tenantName}"`);
  expect(await seriousViolations(page)).toEqual([]);
  await asking.getByRole("textbox", { name: "Username" }).fill("vandelay.agent1");
  await asking.locator("input[name=password]").fill(SANDBOX_AGENT_PASSWORD);
  await asking.getByRole("button", { name: "Check and complete" }).click();
  // No other click: the run that waited for the agent is queued again and carries on.
  await expect(page.getByText("The run that waited for it carries on by itself.")).toBeVisible();
  await expect(page.getByTestId("run-row").first()).toContainText(/Apply · all steps.*Succeeded/, { timeout: 150_000 });
  await expect(isolation).toHaveAttribute("data-status", "done");
  await expect(page.getByTestId("tenant-status")).toHaveText("Provisioned");
  await expect(attention).toHaveCount(0);

  // Done steps are folded to their title, status and last run; their details open on demand.
  const details = page.locator(`#step-details-${SMOKE_TEST}`);
  await expect(details).toBeHidden();
  await step(page, SMOKE_TEST)
    .getByRole("button", { name: /^Show details of / })
    .click();
  await expect(details).toBeVisible();
  await expect(details.getByText("Org ID")).toBeVisible();
});

test("drift made in both sandboxes shows after Verify, with the differing fields, on the checklist and the overview, and Apply repairs it", async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  // Someone removes the Predictive Engagement permissions from the employee role, points SSO elsewhere, and edits
  // the transaction object in GAX.
  const [employee] = (await genesysApi("GET", "/api/v2/authorization/roles?defaultRoleId=employee")).entities as {
    id: string;
    name: string;
    description: string;
    permissionPolicies: { domain: string; entityName: string; actionSet: string[] }[];
  }[];
  const kept = employee!.permissionPolicies
    .filter((policy) => policy.domain !== "journey")
    .map(({ domain, entityName, actionSet }) => ({ domain, entityName, actionSet }));
  await genesysApi("PUT", `/api/v2/authorization/roles/${employee!.id}`, {
    name: employee!.name,
    description: employee!.description,
    permissionPolicies: kept,
  });
  const provider = await genesysApi("GET", "/api/v2/identityproviders/pureengage");
  const { name, issuerURI, certificate, autoProvisionUsers, disabled } = provider;
  await genesysApi("PUT", "/api/v2/identityproviders/pureengage", {
    name,
    issuerURI,
    certificate,
    autoProvisionUsers,
    disabled,
    ssoTargetURI: driftedSsoTarget,
  });
  await changeGaxOption();

  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto(checklistPath);
  await runAll(page, "Verify");
  for (const key of [EMPLOYEE_ROLE, IDENTITY_PROVIDER, TRANSACTION_OBJECT])
    await expect(step(page, key)).toHaveAttribute("data-status", "drifted");
  // The top of the page says so, with a link to each drifted step (the smoke test may drift with the role).
  const driftedSteps = await page.locator("[data-testid^=step-][data-status=drifted]").count();
  expect(driftedSteps).toBeGreaterThanOrEqual(3);
  const driftedStatus = `Provisioned · ${driftedSteps} drifted`;
  await expect(page.getByTestId("tenant-status")).toHaveText(driftedStatus);
  const attention = page.getByTestId("attention-banner");
  await expect(attention.locator("li[data-kind=drifted]")).toHaveCount(driftedSteps);
  await attention.getByRole("link", { name: "PureEngage identity provider" }).click();
  await expect(page).toHaveURL(new RegExp(`#step-${IDENTITY_PROVIDER}$`));
  await expect(step(page, IDENTITY_PROVIDER)).toBeInViewport();
  expect(await seriousViolations(page)).toEqual([]);
  await expect(step(page, EMPLOYEE_ROLE)).toContainText("journey:session:view");
  const sso = step(page, IDENTITY_PROVIDER).getByRole("row").filter({ hasText: "ssoTargetURI" });
  await expect(sso).toContainText(driftedSsoTarget);
  await expect(
    step(page, TRANSACTION_OBJECT)
      .getByRole("row")
      .filter({ hasText: `${driftedOption.section}/${driftedOption.key}` }),
  ).toContainText(driftedOption.value);
  await page.screenshot({ path: testInfo.outputPath("checklist-drifted.png"), fullPage: true });

  await page.goto(`/tenants?q=${encodeURIComponent(deploymentName)}&drift=yes`);
  const row = page.getByTestId(`tenant-row-${tenantName}`);
  await expect(row).toContainText(driftedStatus);
  // The counter counts every drifted tenant of the installation; this one is among them.
  const drifted = Number(
    (await page.getByTestId("counter-drifted").locator("span").first().textContent())?.replace(/,/g, ""),
  );
  expect(drifted).toBeGreaterThanOrEqual(1);
  await expect(row.getByTestId("certificate-expiry")).toHaveAttribute("data-state", /^(valid|expiring)$/);
  await expect(row.getByTestId("certificate-expiry")).toContainText(/\d+ days? left/);

  // The drifted counter's own link: the counter is marked current, and the page (warning chips, counters, chart)
  // has no serious accessibility violations.
  await page.getByTestId("counter-drifted").click();
  await expect(page).toHaveURL(/\/tenants\?drift=yes$/);
  await expect(page.getByTestId("counter-drifted")).toHaveAttribute("aria-current", "true");
  await expect(page.getByTestId(`tenant-row-${tenantName}`)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("overview-drifted.png"), fullPage: true });

  await page.goto(checklistPath);
  await runAll(page, "Apply");
  await runAll(page, "Verify");
  await expect(page.getByTestId("run-row").first()).toContainText("Succeeded");
  for (const key of [EMPLOYEE_ROLE, IDENTITY_PROVIDER, TRANSACTION_OBJECT])
    await expect(step(page, key)).toHaveAttribute("data-status", "done");
  await expect(page.getByText("Differences found at the last verification")).toHaveCount(0);
  await expect(page.getByTestId("tenant-status")).toHaveText("Provisioned");
  await page.goto(`/tenants?q=${encodeURIComponent(deploymentName)}`);
  await expect(page.getByTestId(`tenant-row-${tenantName}`)).toContainText("None found");
});

test("a failure injected in a sandbox shows the operator message and the next action, and the step is retried once it is gone", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto(checklistPath);

  // Plan only reads: it is queued at once, without asking.
  await step(page, TRANSACTION_OBJECT)
    .getByRole("button", { name: /^Plan / })
    .click();
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  await expect(page.getByText("Plan finished")).toBeVisible({ timeout: 90_000 });

  // Genesys Cloud answers 503 on the identity provider endpoints, however often the client retries.
  await setFaults(genesys.url, { rules: [{ path: "/api/v2/identityproviders", errorRate: 1, errorStatuses: [503] }] });
  const provider = step(page, IDENTITY_PROVIDER);
  await confirmApply(page, provider.getByRole("button", { name: "Apply PureEngage identity provider" }));
  await expect(provider).toHaveAttribute("data-status", "failed", { timeout: 90_000 });
  const message = provider.getByRole("alert");
  await expect(message).toContainText("Genesys Cloud is temporarily unable to");
  await expect(message).toContainText("HTTP 503");
  await expect(message).toContainText("Retry in a few minutes.");
  const retry = provider.getByRole("button", { name: "Apply PureEngage identity provider" });
  await expect(retry).toBeEnabled();

  await setFaults(genesys.url, {});
  await confirmApply(page, retry);
  await expect(provider).toHaveAttribute("data-status", "done", { timeout: 90_000 });
  await expect(provider.getByRole("alert")).toHaveCount(0);

  // GAX fails every write of the transaction object while it needs one (an option was changed there).
  await changeGaxOption();
  await setFaults(gax.url, {
    rules: [
      {
        method: "PUT",
        pathIncludes: "cfg/objects/CfgTransaction",
        action: "error",
        phase: "before",
        status: 503,
        times: 1000,
      },
    ],
  });
  const transaction = step(page, TRANSACTION_OBJECT);
  const applyTransaction = transaction.getByRole("button", { name: /^Apply / });
  await confirmApply(page, applyTransaction);
  await expect(transaction).toHaveAttribute("data-status", "failed", { timeout: 90_000 });
  await expect(transaction.getByRole("alert")).toContainText("GAX kept failing while writing");
  await expect(transaction.getByRole("alert")).toContainText("run apply again when GAX is healthy");
  await expect(applyTransaction).toBeEnabled();

  await setFaults(gax.url, {});
  await confirmApply(page, applyTransaction);
  await expect(transaction).toHaveAttribute("data-status", "done", { timeout: 90_000 });
  await runAll(page, "Verify");
  await expect(page.getByTestId("run-row").first()).toContainText("Succeeded");
  await expect(page.getByTestId("tenant-status")).toHaveText("Provisioned");
});
