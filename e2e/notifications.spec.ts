import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { seriousViolations } from "./support/accessibility";
import { e2eAdmin } from "./support/environment";
import { expectNoHorizontalScroll } from "./support/layout";
import { recordServerActions, replay, type RecordedAction } from "./support/server-actions";
import { signInAs, signOut } from "./support/session";
import { expect, test } from "./support/test";
import { dismissToast } from "./support/toasts";
import { createUser } from "./support/users";

test.describe.configure({ mode: "serial" });

const suffix = Date.now();
const endpointName = `ops-webhook-${suffix}`;
const viewer = {
  email: `alerts-viewer-${suffix}@e2e.example.test`,
  name: "Alerts Viewer",
  password: "viewer-password-5678",
};
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let server: Server;
let receiverUrl: string;
let adminActions: RecordedAction[] = [];

/** The table's own frame does not scroll sideways either: every column, the actions included, is in view. */
async function expectTableFits(page: Page, name: string) {
  const frame = page.getByRole("table", { name }).locator("..");
  const overflow = await frame.evaluate((element) => element.scrollWidth - element.clientWidth);
  expect(overflow, `the ${name} table is ${overflow} px wider than its frame`).toBeLessThanOrEqual(0);
}

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.statusCode = 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/hp`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("an admin adds a signed webhook, sends a test and sees it delivered in the endpoint's log", async ({ page }) => {
  const recorded = recordServerActions(page);
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.getByRole("navigation").getByRole("link", { name: "Notifications" }).click();
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "New endpoint" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(endpointName);
  await dialog.getByLabel("URL").fill(receiverUrl);
  await dialog.getByRole("checkbox", { name: /Audit chain broken/ }).click();
  await dialog.getByRole("button", { name: "Create endpoint" }).click();
  await expect(dialog.getByRole("heading", { name: "Endpoint created" })).toBeVisible();
  const secret = (await dialog.getByTestId("one-time-secret").textContent())!;
  expect(secret).toMatch(/^whsec_/);
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole("button", { name: "Done" }).click();
  await dismissToast(page, `Endpoint ${endpointName} created.`);

  const row = page.getByTestId(`endpoint-row-${endpointName}`);
  await expect(row).toContainText(receiverUrl);
  await expect(row).toContainText("Failed run, Drift found, Certificate expiring, Isolation leak");
  await expect(row).not.toContainText("Audit chain broken");
  await expect(row).not.toContainText(secret);
  await expectNoHorizontalScroll(page);
  await expectTableFits(page, "Alert endpoints");
  expect(await seriousViolations(page)).toEqual([]);

  await row.getByRole("button", { name: `Send test to ${endpointName}` }).click();
  await dismissToast(page, `Test queued for ${endpointName}: see its delivery log.`);
  await row.getByRole("link", { name: endpointName }).click();
  await expect(page.getByRole("heading", { name: `Delivery log: ${endpointName}` })).toBeVisible();
  const delivery = page.getByTestId("delivery-row").first();
  await expect(async () => {
    await page.reload();
    await expect(delivery).toContainText("Delivered", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(delivery).toContainText("Test");
  await expect(delivery).toContainText("A test from Hybrid Provisioner");
  await expectNoHorizontalScroll(page);
  await expectTableFits(page, "Deliveries");
  expect(await seriousViolations(page)).toEqual([]);

  // The receiver got it, signed with the secret shown once over the timestamp and the raw body.
  expect(received).toHaveLength(1);
  const [request] = received;
  const timestamp = request!.headers["x-hybrid-provisioner-timestamp"];
  const signature = createHmac("sha256", secret).update(`${timestamp}.${request!.body}`).digest("hex");
  expect(request!.headers["x-hybrid-provisioner-signature"]).toBe(`sha256=${signature}`);
  expect(JSON.parse(request!.body)).toMatchObject({ type: "test", link: expect.stringMatching(/\/notifications$/) });

  await page.goto("/notifications");
  await page.getByRole("button", { name: `Edit ${endpointName}` }).click();
  await page.getByRole("dialog").getByLabel("Enabled").click();
  await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  await dismissToast(page, `Endpoint ${endpointName} saved.`);
  await expect(row).toContainText("Disabled");

  // The endpoint's actions as the admin sent them (create, send test, edit), to replay as the viewer.
  adminActions = [...recorded];
  await createUser(page, viewer);
  await signOut(page);
});

test("a viewer has no Notifications page, no buttons, and the server refuses the viewer's replayed actions", async ({
  page,
}) => {
  expect(adminActions.length).toBeGreaterThanOrEqual(3);
  await signInAs(page, viewer.email, viewer.password);
  await expect(page.getByRole("navigation").getByRole("link", { name: "Notifications" })).toHaveCount(0);
  await page.goto("/notifications");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New endpoint" })).toHaveCount(0);
  await expect(page.getByText(endpointName)).toHaveCount(0);
  for (const action of adminActions) expect(await replay(page, action)).toContain('"code":"forbidden"');
  await signOut(page);

  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto("/notifications");
  // Nothing the viewer sent changed the endpoint or sent another test.
  await expect(page.getByTestId(`endpoint-row-${endpointName}`)).toHaveCount(1);
  expect(received).toHaveLength(1);
});
