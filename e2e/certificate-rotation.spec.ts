import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { seriousViolations } from "./support/accessibility";
import { e2eAdmin } from "./support/environment";
import { enterIsolationAgent } from "./support/checklist";
import { ageSignIn } from "./support/database";
import { signInAs, signOut } from "./support/session";
import { createUser } from "./support/users";

// Initech of the demo deployment: no other spec provisions it.
const viewer = {
  email: `rotation-viewer-${Date.now()}@e2e.example.test`,
  name: "Rory Viewer",
  password: "rotation-viewer-password-42",
};
let certificatePath = "";

test.describe.configure({ mode: "serial" });

async function openInitech(page: Page) {
  await page.goto("/tenants?q=Initech");
  await page.getByTestId("tenant-row-Initech").getByRole("link", { name: "Initech" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Initech" })).toBeVisible();
}

test("an operator rotates the certificate from the certificate page and watches every stage complete", async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await openInitech(page);
  certificatePath = `${new URL(page.url()).pathname}/certificate`;

  // Not applied yet: the page says how to get a certificate and offers no rotation.
  await page.goto(certificatePath);
  await expect(page.getByRole("heading", { level: 1, name: "SAML certificate of Initech" })).toBeVisible();
  await expect(page.getByText("No certificate yet")).toBeVisible();
  await expect(page.getByText("No rotations yet.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Rotate certificate" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /^Download cert/ })).toHaveCount(0);

  await openInitech(page);
  await enterIsolationAgent(page, "initech.agent1");
  await page.getByRole("button", { name: "Apply all" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Apply all" }).click();
  await expect(page.getByTestId("step-smoke-test")).toHaveAttribute("data-status", "done", { timeout: 150_000 });

  await page.goto(certificatePath);
  const fingerprint = page.getByTestId("current-fingerprint");
  await expect(fingerprint).toHaveText(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  const before = await fingerprint.textContent();
  await expect(page.getByTestId("certificate-expiry")).toHaveText(/days left/);

  await page.getByRole("button", { name: "Rotate certificate" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("Rotate certificate of Initech?");
  for (const stage of [
    "Generate new key material",
    "Add the new certificate to the identity provider",
    "Update the transaction object",
    "Smoke test with the new key",
    "Remove the old certificate",
  ]) {
    await expect(confirm).toContainText(stage);
  }
  // The sign-in is older than the re-authentication window: the password is asked again before anything is queued.
  await ageSignIn(e2eAdmin.email, 11);
  await confirm.getByRole("button", { name: "Rotate certificate" }).click();
  const again = page.getByRole("dialog", { name: "Confirm it is you" });
  await again.getByLabel("Password").fill(e2eAdmin.password);
  await again.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("Certificate rotation queued for Initech")).toBeVisible();

  // No reload: the page polls while the rotation runs and shows each stage.
  const rotation = page.getByTestId("rotation").first();
  await expect(rotation).toHaveAttribute("data-status", "succeeded", { timeout: 120_000 });
  for (const stage of [
    "generate",
    "add-certificate",
    "update-transaction-object",
    "smoke-test",
    "remove-old-certificate",
  ]) {
    await expect(rotation.getByTestId(`stage-${stage}`)).toHaveAttribute("data-status", "succeeded");
  }
  await expect(page.getByText("Certificate rotated", { exact: true })).toBeVisible();
  await expect(fingerprint).not.toHaveText(before!);
  await expect(rotation).toContainText(`by ${e2eAdmin.email}`);
  await page.screenshot({ path: testInfo.outputPath("certificate-rotation.png"), fullPage: true });

  // The checklist still verifies green with the new certificate.
  await openInitech(page);
  await page.getByRole("button", { name: "Verify all" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Verify all" }).click();
  await expect(page.getByText("Verify finished")).toBeVisible({ timeout: 120_000 });
});

test("a viewer sees the certificate and its rotations but cannot rotate", async ({ page }) => {
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await createUser(page, viewer);
  await signOut(page);

  await signInAs(page, viewer.email, viewer.password);
  await page.goto(certificatePath);
  await expect(page.getByTestId("current-fingerprint")).toBeVisible();
  await expect(page.getByTestId("rotation").first()).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByRole("button", { name: /Rotate certificate|Resume rotation/ })).toHaveCount(0);
});

test.describe("at 1280 × 800", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("anyone who may read the tenant downloads its certificate as PEM and as the .b64 GAX takes, never its key", async ({
    page,
    request,
  }) => {
    await signInAs(page, viewer.email, viewer.password);
    await page.goto(certificatePath);
    const title = page.getByRole("heading", { level: 1, name: "SAML certificate of Initech" });
    const downloads = page.getByTestId("page-header-actions");
    await expect(downloads).toBeVisible();
    expect((await downloads.boundingBox())!.y).toBeLessThan(
      (await title.boundingBox())!.y + (await title.boundingBox())!.height,
    );
    expect(await seriousViolations(page)).toEqual([]);

    const download = async (name: string) => {
      const file = page.waitForEvent("download");
      await page.getByRole("link", { name, exact: true }).click();
      const done = await file;
      return { name: done.suggestedFilename(), text: readFileSync((await done.path())!, "utf8") };
    };
    const pem = await download("Download cert.pem");
    expect(pem.name).toBe("initech-cert.pem");
    expect(pem.text).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
    const b64 = await download("Download cert.pem.b64");
    expect(b64.name).toBe("initech-cert.pem.b64");
    expect(Buffer.from(b64.text, "base64").toString("utf8")).toBe(pem.text);
    for (const file of [pem.text, b64.text]) expect(file).not.toMatch(/PRIVATE KEY/);

    const route = new URL(page.url()).pathname.replace(/^\/tenants\//, "/api/tenants/");
    const bad = await page.request.get(`${route}?format=der`);
    expect(bad.status()).toBe(400);
    expect((await bad.json()).fieldErrors.format).toEqual(["must be pem or b64"]);
    expect((await request.get(`${route}?format=pem`)).status()).toBe(401);
  });
});
