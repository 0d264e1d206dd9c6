import nodemailer from "nodemailer";
import { AppError } from "@/lib/errors";
import { emailOf, slackBody, type NotificationPayload } from "./payload";
import type { NotificationSettings } from "./settings";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from "./signature";
import { assertWebhookUrl } from "./webhook-url";

/** One attempt's result. `final`: trying again cannot help (the policy refuses the URL, e-mail is not set up). */
export type AttemptResult =
  { ok: true; httpStatus?: number } | { ok: false; httpStatus?: number; error: string; final?: boolean };

export type Endpoint = { id: string; kind: string; url: string | null; recipients: string[] };

const headerSafe = (text: string) => text.replace(/[^\x20-\x7e]/g, "?");

async function post(
  url: string,
  { body, headers, timeoutMs }: { body: string; headers: Record<string, string>; timeoutMs: number },
): Promise<AttemptResult> {
  try {
    await assertWebhookUrl(url);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), final: true };
  }
  try {
    // No redirects: a redirect could lead past the outbound policy.
    const response = await fetch(url, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "user-agent": "hybrid-provisioner", ...headers },
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, httpStatus: response.status };
    return {
      ok: false,
      httpStatus: response.status,
      error: `HTTP ${response.status} ${headerSafe(response.statusText)}`,
    };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    if (timedOut) return { ok: false, error: `no answer within ${timeoutMs / 1000} s` };
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const code = (cause as { code?: string }).code;
    return { ok: false, error: `could not connect${code ? ` (${code})` : ""}` };
  }
}

/** The signed JSON webhook: the body as sent is what the HMAC covers, with the timestamp. */
export async function sendWebhook(
  { url, secret, payload }: { url: string; secret: string; payload: NotificationPayload },
  settings: Pick<NotificationSettings, "timeoutMs">,
): Promise<AttemptResult> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    [SIGNATURE_HEADER]: webhookSignature({ secret, timestamp, body }),
    [TIMESTAMP_HEADER]: String(timestamp),
    "X-Hybrid-Provisioner-Event": payload.type,
  };
  return post(url, { body, headers, timeoutMs: settings.timeoutMs });
}

export async function sendSlack(
  { url, payload }: { url: string; payload: NotificationPayload },
  settings: Pick<NotificationSettings, "timeoutMs">,
): Promise<AttemptResult> {
  return post(url, { body: JSON.stringify(slackBody(payload)), headers: {}, timeoutMs: settings.timeoutMs });
}

/** The SMTP URL's credentials never appear in a recorded error. */
function withoutCredentials(message: string, smtpUrl: string): string {
  let text = message.split(smtpUrl).join("SMTP_URL");
  try {
    const { username, password } = new URL(smtpUrl);
    for (const part of [password, decodeURIComponent(password), username, decodeURIComponent(username)])
      if (part.length >= 3) text = text.split(part).join("***");
  } catch {
    // not a URL: nothing more to hide
  }
  return text;
}

export async function sendEmail(
  { recipients, payload }: { recipients: string[]; payload: NotificationPayload },
  settings: Pick<NotificationSettings, "smtpUrl" | "smtpFrom" | "timeoutMs">,
): Promise<AttemptResult> {
  const { smtpUrl, smtpFrom } = settings;
  if (!smtpUrl || !smtpFrom)
    return { ok: false, error: "e-mail is not set up on this server (SMTP_URL and SMTP_FROM)", final: true };
  const transport = nodemailer.createTransport(smtpUrl, {
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
  });
  try {
    const { subject, text } = emailOf(payload);
    await transport.sendMail({ from: smtpFrom, to: recipients, subject, text });
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { responseCode?: number }).responseCode;
    return { ok: false, error: withoutCredentials(`${code ? `SMTP ${code}: ` : ""}${message}`, smtpUrl) };
  } finally {
    transport.close();
  }
}

export function sendTo(
  endpoint: Endpoint,
  { payload, secret, settings }: { payload: NotificationPayload; secret?: string; settings: NotificationSettings },
): Promise<AttemptResult> {
  if (endpoint.kind === "email") return sendEmail({ recipients: endpoint.recipients, payload }, settings);
  if (!endpoint.url) throw new AppError("invalid_input", "The endpoint has no URL.");
  if (endpoint.kind === "slack") return sendSlack({ url: endpoint.url, payload }, settings);
  if (!secret) return Promise.resolve({ ok: false, error: "the endpoint's signing secret is missing", final: true });
  return sendWebhook({ url: endpoint.url, secret, payload }, settings);
}
