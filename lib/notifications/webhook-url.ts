import { AppError } from "@/lib/errors";
import { assertOutboundUrl, isAllowedOutboundHost, outboundHostRules } from "@/lib/http/outbound-policy";

/**
 * The outbound policy for a webhook URL, at creation and before every attempt: http(s) only, a host matching
 * OUTBOUND_ALLOWED_HOSTS when it is set, never a link-local or cloud metadata address.
 */
export async function assertWebhookUrl(url: string, field = "url"): Promise<void> {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new AppError("invalid_input", `${field} must be a URL.`, { [field]: ["must be a URL"] });
  }
  if (protocol !== "https:" && protocol !== "http:") {
    const message = "must start with https:// or http://";
    throw new AppError("invalid_input", `${field} ${message}.`, { [field]: [message] });
  }
  if (!isAllowedOutboundHost(url)) {
    const message = `is not in OUTBOUND_ALLOWED_HOSTS (${outboundHostRules().join(", ")})`;
    throw new AppError("invalid_input", `The webhook URL's host ${message}.`, { [field]: [message] });
  }
  await assertOutboundUrl(url, field);
}
