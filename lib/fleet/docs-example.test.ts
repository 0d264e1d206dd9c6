import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { testAudit } from "@/lib/provisioning/test-support";
import { testDb } from "@/test/support/db";
import { importFleet } from "./import-fleet";

const db = testDb();
const customUrls = process.env.GENESYS_CUSTOM_BASE_URLS;
afterEach(() => {
  if (customUrls === undefined) delete process.env.GENESYS_CUSTOM_BASE_URLS;
  else process.env.GENESYS_CUSTOM_BASE_URLS = customUrls;
});

describe("docs/fleet.md", () => {
  it("its example is a valid fleet file (dry run: three tenants and two deployments to create)", async () => {
    const markdown = await readFile(new URL("../../docs/fleet.md", import.meta.url), "utf8");
    const example = /```yaml\n([\s\S]*?)```/.exec(markdown)![1]!;
    const dir = await mkdtemp(join(tmpdir(), "fleet-docs-"));
    await mkdir(join(dir, "secrets"));
    await writeFile(join(dir, "secrets", "acme-bootstrap.txt"), "acme-secret\n");
    process.env.GENESYS_CUSTOM_BASE_URLS = "on"; // the Globex tenant's base URLs
    const env = {
      HP_GAX_PASSWORD_PRODUCTION_EU: "p1",
      HP_SAMPLE_AGENT_PASSWORD_PRODUCTION_EU_ACME: "p3",
      LAB_GAX_PASSWORD: "p2",
      LAB_BOOTSTRAP_SECRET: "s",
    };
    const outcome = await importFleet(db, {
      text: example,
      lookup: { env, baseDir: dir },
      dryRun: true,
      authorize: async () => testAudit,
    });
    expect(outcome.changes.map((change) => `${change.action} ${change.label}`).sort()).toEqual([
      "create Lab",
      "create Lab/Resources",
      "create Production EU",
      "create Production EU/Acme",
      "create Production EU/Globex",
    ]);
  });
});
