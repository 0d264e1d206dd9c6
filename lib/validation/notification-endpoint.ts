import { z } from "zod";
import { EVENT_TYPE_KEYS } from "@/lib/notifications/event-types";
import { httpUrl, lineText } from "./text";

const recipient = z.email({ message: "must be e-mail addresses separated by commas" });

/** Recipients as typed: comma, semicolon or line separated. */
const recipients = z
  .string()
  .max(2000, "must be at most 2000 characters")
  .transform((value) =>
    value
      .split(/[,;\s]+/)
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .pipe(z.array(recipient).max(20, "must be at most 20 addresses"));

const common = {
  name: lineText(100),
  eventTypes: z.array(z.enum(EVENT_TYPE_KEYS)).min(1, "must include at least one event"),
  enabled: z.boolean().default(true),
};

/** An endpoint as the form sends it: a URL for webhooks, recipients for e-mail. */
export const endpointInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("webhook"), url: httpUrl({ example: "https://alerts.example.com/hooks/hp" }), ...common }),
  z.object({ kind: z.literal("slack"), url: httpUrl({ example: "https://hooks.slack.com/services/..." }), ...common }),
  z.object({
    kind: z.literal("email"),
    recipients: recipients.refine((list) => list.length > 0, "must name at least one address"),
    ...common,
  }),
]);
export type EndpointInput = z.input<typeof endpointInputSchema>;
export type ParsedEndpointInput = z.output<typeof endpointInputSchema>;

export const endpointUpdateSchema = z.intersection(z.object({ id: z.uuid() }), endpointInputSchema);
export const endpointIdSchema = z.object({ id: z.uuid() });
