/** What an endpoint can subscribe to, in the order the page lists them. Browser-safe: plain data. */
export const EVENT_TYPES = [
  { type: "run.failed", label: "Failed run", description: "A plan, apply or verify ended failed." },
  { type: "drift.detected", label: "Drift found", description: "A verify (scheduled or not) found a step drifted." },
  {
    type: "certificate.expiring",
    label: "Certificate expiring",
    description: "A tenant's SAML certificate expires within CERT_EXPIRY_ALERT_DAYS (once a day per certificate).",
  },
  {
    type: "isolation.leak",
    label: "Isolation leak",
    description: "The isolation check found another tenant's agent can read a tenant's object.",
  },
  { type: "audit.chain_broken", label: "Audit chain broken", description: "The audit log's chain check failed." },
] as const;

export type EventType = (typeof EVENT_TYPES)[number]["type"];
/** A delivery made by "Send test": it goes only to the endpoint tested. */
export type NotificationType = EventType | "test";

export const EVENT_TYPE_KEYS = EVENT_TYPES.map((entry) => entry.type) as [EventType, ...EventType[]];

export const eventTypeLabel = (type: string) =>
  type === "test" ? "Test" : (EVENT_TYPES.find((entry) => entry.type === type)?.label ?? type);

export const ENDPOINT_KINDS = [
  { kind: "webhook", label: "Webhook (signed JSON)" },
  { kind: "slack", label: "Slack-compatible webhook" },
  { kind: "email", label: "E-mail" },
] as const;
export type EndpointKind = (typeof ENDPOINT_KINDS)[number]["kind"];
