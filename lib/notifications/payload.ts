import { eventTypeLabel, type NotificationType } from "./event-types";

type Named = { id: string; name: string };

/** What a webhook receives as its JSON body (docs/notifications.md). */
export type NotificationPayload = {
  id: string;
  type: NotificationType;
  occurredAt: string;
  summary: string;
  tenant: Named | null;
  deployment: Named | null;
  link: string;
  details: Record<string, unknown>;
};

/** What an event source says happened; the link is a path on the dashboard. */
export type NotificationInput = {
  type: NotificationType;
  summary: string;
  tenant?: Named | null;
  deployment?: Named | null;
  path: string;
  details?: Record<string, unknown>;
  /** Events with the same key are sent once. */
  dedupeKey?: string;
};

export function payloadOf(
  input: NotificationInput,
  { id, occurredAt, dashboardUrl }: { id: string; occurredAt: Date; dashboardUrl: string },
): NotificationPayload {
  return {
    id,
    type: input.type,
    occurredAt: occurredAt.toISOString(),
    summary: input.summary,
    tenant: input.tenant ?? null,
    deployment: input.deployment ?? null,
    link: `${dashboardUrl}${input.path}`,
    details: input.details ?? {},
  };
}

const where = (payload: NotificationPayload) =>
  payload.deployment && payload.tenant ? `${payload.deployment.name}/${payload.tenant.name}` : undefined;

/** Slack's incoming-webhook body (also understood by Mattermost, Rocket.Chat and others). */
export function slackBody(payload: NotificationPayload) {
  const title = `${eventTypeLabel(payload.type)}${where(payload) ? ` · ${where(payload)}` : ""}`;
  const text = `*${title}*: ${payload.summary} <${payload.link}|Open in the dashboard>`;
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${title}*\n${payload.summary}` } },
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: `${payload.occurredAt} · <${payload.link}|Open in the dashboard>` }],
      },
    ],
  };
}

export function emailOf(payload: NotificationPayload) {
  const subject = `[Hybrid Provisioner] ${eventTypeLabel(payload.type)}${where(payload) ? `: ${where(payload)}` : ""}`;
  const lines = [
    payload.summary,
    "",
    ...(payload.tenant ? [`Tenant: ${payload.tenant.name} (${payload.tenant.id})`] : []),
    ...(payload.deployment ? [`Deployment: ${payload.deployment.name} (${payload.deployment.id})`] : []),
    `When: ${payload.occurredAt}`,
    `Open in the dashboard: ${payload.link}`,
  ];
  return { subject, text: lines.join("\n") };
}
