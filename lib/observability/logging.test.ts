import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { encodingsOf, rememberSecretValue } from "@/lib/audit/redact";
import { applyTenant } from "@/lib/provisioning";
import { startProvisioningKit, type ProvisioningKit } from "@/lib/provisioning/test-support";
import { createAppServer } from "@/lib/runtime/http-server";
import { openSecret } from "@/lib/secrets/store";
import { SANDBOX_ADMIN } from "@/sandbox/gax/default-seed";
import { createLogger, log, setProcessLogger } from "./logger";

type Line = Record<string, unknown> & { level: string; time: string; msg: string };

/** A logger at debug level writing JSON lines into memory, as the process's logger. */
function captureLog() {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  setProcessLogger(createLogger({ destination, level: "debug", format: "json" }));
  return {
    text: () => chunks.join(""),
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Line),
  };
}

let kit: ProvisioningKit;
const sessionSecret = "session-secret-of-the-logging-test-0123456789";
beforeAll(async () => {
  kit = await startProvisioningKit();
}, 60_000);
afterAll(async () => {
  await kit?.close();
});

let captured: ReturnType<typeof captureLog>;
beforeEach(() => {
  captured = captureLog();
});

/** Every secret of the tenant and its deployment as the database holds them (sealed), opened. */
async function secretsOf(kit: ProvisioningKit): Promise<string[]> {
  const rows = await kit.db.secret.findMany({
    where: { ownerId: { in: [kit.tenant.id, kit.deployment.id] } },
    select: { ownerType: true, ownerId: true, purpose: true },
  });
  const values = await Promise.all(rows.map((row) => openSecret(kit.db, row)));
  return values.filter((value): value is string => Boolean(value));
}

/** Each value in every encoding, and for PEM blocks each line of their base64 body too. */
function needles(values: string[]): string[] {
  return values.flatMap((value) => [
    ...encodingsOf(value),
    ...value.split("\n").filter((line) => line.length >= 16 && !line.startsWith("-----")),
  ]);
}

describe("structured logs", () => {
  it("follow a whole apply by run and tenant, with no secret in them", async () => {
    const report = await applyTenant(kit.tenant.id, kit.engine);
    expect(report.status).toBe("succeeded");
    // A request carrying credentials goes through the server's log too.
    const server = createAppServer((_request, response) => void response.end("ok"), { trustProxy: false });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await fetch(`${base}/tenants?token=${sessionSecret}`, {
      headers: { Authorization: `Bearer ${sessionSecret}`, Cookie: `next-auth.session-token=${sessionSecret}` },
    });
    await new Promise((resolve) => server.close(resolve));

    const secrets = await secretsOf(kit);
    const purposes = await kit.db.secret.findMany({ where: { ownerId: kit.tenant.id }, select: { purpose: true } });
    // The apply created OAuth client secrets, the SAML key and its password: all are checked, not just a few.
    expect(purposes.length).toBeGreaterThanOrEqual(5);
    expect(secrets.some((value) => value.includes("PRIVATE KEY"))).toBe(true);
    const everySecret = [
      ...secrets,
      SANDBOX_ADMIN.password,
      sessionSecret,
      process.env.APP_ENCRYPTION_KEY!,
      Buffer.from(process.env.APP_ENCRYPTION_KEY!, "base64").toString("hex"),
    ];
    const text = captured.text();
    for (const needle of needles(everySecret)) expect(text, "a secret in the log").not.toContain(needle);

    const lines = captured.lines();
    for (const line of lines) expect(Object.keys(line)).toEqual(expect.arrayContaining(["level", "time", "msg"]));
    const ofRun = lines.filter((line) => line.runId === report.runId);
    expect(ofRun.every((line) => line.tenantId === kit.tenant.id && line.correlationId === report.correlationId)).toBe(
      true,
    );
    expect(ofRun.map((line) => line.msg)).toEqual(
      expect.arrayContaining(["run started", "step ended", "run finished"]),
    );
    expect(ofRun.find((line) => line.msg === "run finished")).toMatchObject({ status: "succeeded", mode: "apply" });
    expect(ofRun.filter((line) => line.msg === "Genesys Cloud call").length).toBeGreaterThan(0);
    expect(lines.find((line) => line.msg === "request")).toMatchObject({ route: "other", status: 200 });
  }, 120_000);

  it("redact secret-looking fields and known secret values that reach the logger anyway", () => {
    const known = "a-value-the-secret-store-opened-9876";
    rememberSecretValue(known);
    log().warn(
      {
        tenant: { gax: { password: "deep-password-1" } },
        headers: { authorization: "Bearer abcdefgh" },
        clientSecret: "s3",
      },
      `message mentioning ${known}`,
    );
    log().error({ err: new Error(`failed with ${Buffer.from(known).toString("base64")}`) }, "unexpected");
    const text = captured.text();
    for (const leaked of ["deep-password-1", "abcdefgh", '"s3"', known, Buffer.from(known).toString("base64")])
      expect(text).not.toContain(leaked);
    expect(text).toContain("[redacted]");
  });
});

describe("request ids", () => {
  async function request(headers: Record<string, string> = {}) {
    const server = createAppServer(
      (_request, response) => void response.end(String(_request.headers["x-request-id"])),
      {
        trustProxy: false,
      },
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/health`, { headers });
    const seenByHandler = await response.text();
    await new Promise((resolve) => server.close(resolve));
    return { echoed: response.headers.get("x-request-id"), seenByHandler };
  }

  it("gives each request an id, echoed as X-Request-Id and on its log line", async () => {
    const { echoed, seenByHandler } = await request();
    expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
    expect(seenByHandler).toBe(echoed);
    expect(captured.lines().find((line) => line.msg === "request")).toMatchObject({ requestId: echoed });
  });

  it("keeps a caller's safe X-Request-Id and replaces an unsafe one", async () => {
    expect((await request({ "X-Request-Id": "build-42.step_3" })).echoed).toBe("build-42.step_3");
    for (const unsafe of ["a b<script>", "x".repeat(65), "id\\nforged=1"])
      expect((await request({ "X-Request-Id": unsafe })).echoed).toMatch(/^[0-9a-f-]{36}$/);
  });
});
