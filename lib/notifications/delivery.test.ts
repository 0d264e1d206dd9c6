import { createHmac } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditContext } from "@/lib/audit/record";
import { createBoss, ensureQueues } from "@/lib/jobs/queues";
import { fastRetrySettings } from "@/lib/jobs/worker-process-test-support";
import { endpointInputSchema, type EndpointInput } from "@/lib/validation/notification-endpoint";
import { testDb } from "@/test/support/db";
import { until } from "@/test/support/until";
import { workNotificationDeliveries, type Attempt } from "./delivery";
import { createEndpoint, deleteEndpoint, updateEndpoint } from "./endpoints";
import { notify } from "./notify";
import type { NotificationPayload } from "./payload";
import { notificationSettings, type NotificationSettings } from "./settings";
import { sendTestNotification } from "./test-delivery";
import { startReceiver, startSmtpServer } from "./test-receivers";

const audit: AuditContext = { actor: { id: null, email: "alerts-admin@example.test", role: "admin" } };
const db = testDb();
let boss: PgBoss;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let settings: NotificationSettings;

beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  process.env.SMTP_FROM = "provisioner@example.test";
  settings = { ...notificationSettings(), retryDelaySeconds: 1, dashboardUrl: "https://hp.example.test" };
  // /flaky fails twice, then answers; /down always fails.
  receiver = await startReceiver((path, count) =>
    path.startsWith("/flaky") ? (count <= 2 ? 500 : 204) : path.startsWith("/down") ? 503 : 200,
  );
  boss = createBoss(process.env.DATABASE_URL!, fastRetrySettings, { schedule: false, supervise: true });
  await boss.start();
  await ensureQueues(boss, fastRetrySettings);
  await workNotificationDeliveries(boss, db);
});

afterAll(async () => {
  await boss?.stop({ graceful: false });
  await receiver?.close();
  await smtp?.close();
});

// The endpoints here get their deliveries by id (notify's endpointId) or by a type nothing else in the shared test
// database raises, so runs of other test files do not queue deliveries to them.
let counter = 0;
async function endpoint(input: Omit<EndpointInput, "name" | "eventTypes"> & Partial<EndpointInput>) {
  counter += 1;
  const parsed = endpointInputSchema.parse({
    name: `alerts-${Date.now()}-${counter}`,
    eventTypes: ["audit.chain_broken"],
    ...input,
  });
  return createEndpoint(db, audit, parsed);
}

const tenant = { id: "3f1e6c1a-8d1e-4c55-9a39-2b8b5ad0a001", name: "Acme" };
const deployment = { id: "3f1e6c1a-8d1e-4c55-9a39-2b8b5ad0a002", name: "emea" };
const failedRun = (endpointId: string, tries = 5) =>
  notify(
    db,
    {
      type: "run.failed",
      summary: "The apply run of emea/Acme failed: boom",
      tenant,
      deployment,
      path: `/tenants/${tenant.id}`,
    },
    { boss, endpointId, settings: { ...settings, tries } },
  );

const ended = (deliveryId: string, timeoutMs = 30_000) =>
  until(
    async () => {
      const row = await db.notificationDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
      return row.status !== "queued" && row;
    },
    { timeoutMs, intervalMs: 100, what: "the delivery to end" },
  );

describe("alert delivery", { timeout: 90_000 }, () => {
  it("signs a webhook's raw body and timestamp with the endpoint's secret, which is sealed and never audited", async () => {
    const { id, signingSecret } = await endpoint({ kind: "webhook", url: receiver.url("/signed") });
    expect(signingSecret).toMatch(/^whsec_/);
    const [deliveryId] = await failedRun(id);
    expect((await db.notificationDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).status).toBe("queued");
    expect(await ended(deliveryId!)).toMatchObject({ status: "delivered", attempts: 1 });

    const [request] = receiver.at("/signed");
    const timestamp = request!.headers["x-hybrid-provisioner-timestamp"] as string;
    expect(Number(timestamp)).toBeGreaterThan(Date.now() / 1000 - 60);
    const expected = createHmac("sha256", signingSecret!).update(`${timestamp}.${request!.rawBody}`).digest("hex");
    expect(request!.headers["x-hybrid-provisioner-signature"]).toBe(`sha256=${expected}`);
    const body = JSON.parse(request!.rawBody) as NotificationPayload;
    expect(body).toMatchObject({
      type: "run.failed",
      summary: "The apply run of emea/Acme failed: boom",
      tenant,
      deployment,
      link: `https://hp.example.test/tenants/${tenant.id}`,
    });
    expect(Date.parse(body.occurredAt)).not.toBeNaN();

    const sealed = await db.$queryRaw<{ sealed: string }[]>`SELECT sealed FROM secrets WHERE owner_id = ${id}`;
    expect(sealed).toHaveLength(1);
    expect(sealed[0]!.sealed).not.toContain(signingSecret);
    const events = await db.auditEvent.findMany({ where: { targetId: id } });
    expect(events.map((event) => event.action)).toEqual(["notification_endpoint.create"]);
    expect(JSON.stringify(events.map((event) => event.details))).not.toContain(signingSecret!.slice(6));
  });

  it("posts a Slack-compatible body, unsigned, for Send test", async () => {
    const { id, signingSecret } = await endpoint({ kind: "slack", url: receiver.url("/slack") });
    expect(signingSecret).toBeUndefined();
    const deliveryId = await sendTestNotification(db, audit, { endpointId: id, boss });
    expect(await ended(deliveryId)).toMatchObject({ status: "delivered" });
    const [request] = receiver.at("/slack");
    expect(request!.headers["x-hybrid-provisioner-signature"]).toBeUndefined();
    const body = JSON.parse(request!.rawBody) as { text: string; blocks: { type: string }[] };
    expect(body.text).toMatch(/^\*Test\*: A test from Hybrid Provisioner, sent by alerts-admin@example\.test/);
    expect(body.text).toContain("/notifications|Open in the dashboard>");
    expect(body.blocks.map((block) => block.type)).toEqual(["section", "context"]);
    expect(
      (await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { seq: "asc" } })).map((event) => event.action),
    ).toEqual(["notification_endpoint.create", "notification_endpoint.test"]);
  });

  it("retries with backoff: a receiver that fails twice gets the alert on the third try, each try recorded", async () => {
    const { id } = await endpoint({ kind: "webhook", url: receiver.url("/flaky") });
    const [deliveryId] = await failedRun(id);
    const row = await ended(deliveryId!);
    expect(row).toMatchObject({ status: "delivered", attempts: 3, lastError: null, operatorMessage: null });
    const attempts = row.attemptLog as Attempt[];
    expect(attempts.map((attempt) => attempt.httpStatus)).toEqual([500, 500, 204]);
    expect(attempts.every((attempt) => attempt.durationMs >= 0)).toBe(true);
    expect(receiver.at("/flaky")).toHaveLength(3);
  });

  it("ends failed after its tries against a receiver that always fails, saying what to do", async () => {
    const { id } = await endpoint({ kind: "webhook", url: receiver.url("/down") });
    const [deliveryId] = await failedRun(id, 3);
    const row = await ended(deliveryId!);
    expect(row).toMatchObject({ status: "failed", attempts: 3, lastError: "HTTP 503 Service Unavailable" });
    expect(row.operatorMessage).toBe(
      "The receiver answered HTTP 503 Service Unavailable after 3 tries. Check the URL and that the receiver accepts " +
        "the request (for a signed webhook, its secret), then use Send test.",
    );
    // Nothing is tried again after the last try.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(receiver.at("/down")).toHaveLength(3);
  });

  it("ends a delivery to an unreachable host failed with the reason", async () => {
    const { id } = await endpoint({ kind: "webhook", url: "http://127.0.0.1:9/closed" });
    const [deliveryId] = await failedRun(id, 2);
    const row = await ended(deliveryId!);
    expect(row).toMatchObject({
      status: "failed",
      attempts: 2,
      lastError: expect.stringMatching(/^could not connect/),
    });
    expect(row.operatorMessage).toMatch(/^The receiver could not be reached after 2 tries \(last: could not connect/);
  });

  it("sends e-mail over SMTP to the endpoint's recipients", async () => {
    const { id } = await endpoint({ kind: "email", recipients: "ops@example.test, oncall@example.test" });
    const [deliveryId] = await failedRun(id);
    expect(await ended(deliveryId!)).toMatchObject({ status: "delivered", attempts: 1 });
    const mail = await until(async () => smtp.mails.find((entry) => entry.to.includes("oncall@example.test")), {
      what: "the mail",
    });
    expect(mail.to).toEqual(["ops@example.test", "oncall@example.test"]);
    expect(mail.from).toBe("provisioner@example.test");
    expect(mail.raw).toContain("Subject: [Hybrid Provisioner] Failed run: emea/Acme");
    expect(mail.raw).toContain("The apply run of emea/Acme failed: boom");
  });

  it("goes only to enabled endpoints that want the event, and once per dedupe key", async () => {
    const wanted = await endpoint({
      kind: "webhook",
      url: receiver.url("/wanted"),
      eventTypes: ["audit.chain_broken"],
    });
    const disabled = await endpoint({
      kind: "webhook",
      url: receiver.url("/disabled"),
      eventTypes: ["audit.chain_broken"],
      enabled: false,
    });
    const input = {
      type: "audit.chain_broken" as const,
      summary: "broken",
      path: "/audit",
      dedupeKey: `chain-${Date.now()}`,
    };
    const deliveries = await notify(db, input, { boss, settings });
    const rows = await db.notificationDelivery.findMany({ where: { id: { in: deliveries } } });
    expect(rows.map((row) => row.endpointId)).toContain(wanted.id);
    expect(rows.map((row) => row.endpointId)).not.toContain(disabled.id);
    expect(await notify(db, input, { boss, settings })).toEqual([]);
  });

  it("refuses a webhook URL the outbound policy forbids, naming the field", async () => {
    await expect(endpoint({ kind: "webhook", url: "http://169.254.169.254/latest" })).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: { url: ["points at a link-local or cloud metadata address, which the provisioner never calls"] },
    });
    process.env.OUTBOUND_ALLOWED_HOSTS = "*.example.com";
    try {
      await expect(endpoint({ kind: "slack", url: receiver.url("/slack") })).rejects.toMatchObject({
        code: "invalid_input",
        message: "The webhook URL's host is not in OUTBOUND_ALLOWED_HOSTS (*.example.com).",
      });
    } finally {
      delete process.env.OUTBOUND_ALLOWED_HOSTS;
    }
  });
});

describe("endpoint changes", () => {
  it("are audited with the changed fields, a URL only by its origin since its path may hold a token", async () => {
    const { id } = await endpoint({ kind: "slack", url: "https://hooks.example.com/services/T000/B000/tokenvalue123" });
    await updateEndpoint(db, audit, {
      id,
      input: endpointInputSchema.parse({
        kind: "slack",
        name: `renamed-${id}`,
        url: "https://hooks.example.com/services/T000/B000/othertoken456",
        eventTypes: ["audit.chain_broken", "run.failed"],
      }),
    });
    const [, update] = await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { seq: "asc" } });
    expect(update).toMatchObject({ action: "notification_endpoint.update", targetLabel: `renamed-${id}` });
    const { changes } = update!.details as { changes: Record<string, unknown> };
    expect(changes).toMatchObject({
      url: { from: "https://hooks.example.com/…", to: "https://hooks.example.com/…" },
      eventTypes: { from: ["audit.chain_broken"], to: ["audit.chain_broken", "run.failed"] },
    });
    expect(JSON.stringify(update!.details)).not.toMatch(/tokenvalue123|othertoken456/);

    await deleteEndpoint(db, audit, id);
    expect(await db.notificationEndpoint.count({ where: { id } })).toBe(0);
    const deleted = await db.auditEvent.findFirst({ where: { targetId: id, action: "notification_endpoint.delete" } });
    expect(deleted).toMatchObject({ outcome: "success", details: { kind: "slack" } });
  });
});
