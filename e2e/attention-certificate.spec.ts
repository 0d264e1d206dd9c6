import { expect, test } from "./support/test";
import { seriousViolations } from "./support/accessibility";
import { expireCertificateIn, insertTenantThatCannotRun } from "./support/database";
import { e2eAdmin } from "./support/environment";
import { signInAs } from "./support/session";

test.use({ viewport: { width: 1280, height: 800 } });

test("a certificate close to expiry is in the attention banner, with a link to the certificate page", async ({
  page,
}) => {
  const tenantId = await insertTenantThatCannotRun({ deployment: "E2E certificate expiry", tenant: "Expiring" });
  await expireCertificateIn(tenantId, 5);
  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  await page.goto(`/tenants/${tenantId}`);

  const item = page.getByTestId("attention-banner").locator("li[data-kind=certificate]");
  await expect(item).toContainText("SAML certificate");
  await expect(item).toContainText(/Expires in [45] days: rotate it\./);
  expect(await seriousViolations(page)).toEqual([]);
  await item.getByRole("link", { name: "SAML certificate" }).click();
  await expect(page).toHaveURL(`/tenants/${tenantId}/certificate`);
});
