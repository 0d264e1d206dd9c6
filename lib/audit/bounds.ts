// Every free-text field of an audit row has a length cap, so an anonymous caller (a sign-in with a 100 KB e-mail)
// cannot make rows of any size. A cut value ends with a marker, so a reader sees that it was cut.

export const TRUNCATION_MARKER = "…[truncated]";

/** Caps per column; e-mail addresses are at most 320 characters (RFC 3696 errata 1690). */
export const AUDIT_FIELD_CAPS = {
  email: 320,
  clientAddress: 64,
  userAgent: 512,
  label: 300,
  id: 200,
  text: 2_000,
} as const;

export function bounded(value: string, cap: number): string {
  return value.length <= cap ? value : value.slice(0, cap - TRUNCATION_MARKER.length) + TRUNCATION_MARKER;
}

export const boundedOrNull = (value: string | null | undefined, cap: number) =>
  value == null ? null : bounded(value, cap);

/** Details with every string capped: fields named like an e-mail at the e-mail cap, other text at the text cap. */
export function boundedDetails(value: unknown, key = ""): unknown {
  if (typeof value === "string")
    return bounded(value, /email$/i.test(key) ? AUDIT_FIELD_CAPS.email : AUDIT_FIELD_CAPS.text);
  if (Array.isArray(value)) return value.map((item) => boundedDetails(item, key));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([field, item]) => [field, boundedDetails(item, field)]));
  return value;
}
