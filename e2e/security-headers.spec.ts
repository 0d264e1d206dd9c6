import { expect, test } from "./support/test";
import { e2eAdmin } from "./support/environment";
import { signInAs } from "./support/session";

const pages = ["/", "/tenants", "/audit", "/network", "/deployments", "/users", "/settings"];

test("every page carries its own nonce-based Content-Security-Policy and runs without a violation", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) violations.push(message.text());
  });
  const signIn = await page.goto("/sign-in");
  const signInPolicy = signIn!.headers()["content-security-policy"] ?? "";
  expect(signInPolicy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
  expect(signInPolicy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(signInPolicy).toContain("frame-ancestors 'none'");

  await signInAs(page, e2eAdmin.email, e2eAdmin.password);
  const nonces = new Set<string>();
  for (const path of pages) {
    const response = await page.goto(path);
    const policy = response!.headers()["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce, `${path} has a nonce`).toBeDefined();
    nonces.add(nonce!);
    // Next.js's own scripts carry this response's nonce, so the page hydrates.
    expect(await page.locator(`script[nonce]`).count(), `${path} scripts carry the nonce`).toBeGreaterThan(0);
  }
  expect(nonces.size).toBe(pages.length);
  // Hydrated: a client component still opens its dialog.
  await page.goto("/users");
  await page.getByRole("button", { name: "New user" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(violations).toEqual([]);
});

test("a server action posted from another site is refused with 403, not a server error", async ({ request }) => {
  const response = await request.post("/users", {
    headers: { "Next-Action": "0".repeat(42), Origin: "https://attacker.example" },
    data: "[]",
  });
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ code: "forbidden" });
});
