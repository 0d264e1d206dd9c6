import { createHmac, randomBytes } from "node:crypto";

export const SIGNATURE_HEADER = "X-Hybrid-Provisioner-Signature";
export const TIMESTAMP_HEADER = "X-Hybrid-Provisioner-Timestamp";

/** A new endpoint's signing secret: shown once, then only sealed. */
export const generateSigningSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

/**
 * `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<raw body>`: the timestamp (Unix seconds, sent in its own
 * header) is signed with the body, so a receiver can refuse an old request replayed.
 */
export function webhookSignature({ secret, timestamp, body }: { secret: string; timestamp: number; body: string }) {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}
