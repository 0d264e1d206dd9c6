const REDACTED = "[redacted]";

// Field names that hold credentials, compared without case and separators ("client_secret" = "clientSecret").
const secretFieldName = /(password|passwd|secret|token|privatekey|pkey|apikey|assertion|authorization|cookie|masterkey|encryptionkey|credential)/;
const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

export function isSecretFieldName(name: string): boolean {
  return secretFieldName.test(normalise(name));
}

// Values sealed or opened by this process; bounded so a long-running process does not grow without limit.
const knownValues = new Set<string>();
const maxKnownValues = 10_000;
const minimumSecretLength = 6;

export function rememberSecretValue(value: string): void {
  if (value.length < minimumSecretLength) return;
  knownValues.delete(value);
  knownValues.add(value);
  if (knownValues.size > maxKnownValues) knownValues.delete(knownValues.values().next().value as string);
}

/** Every form in which a secret could be written out: as is, base64, base64url, hex and URL-encoded. */
export function encodingsOf(value: string): string[] {
  const bytes = Buffer.from(value, "utf8");
  return [...new Set([value, bytes.toString("base64"), bytes.toString("base64").replace(/=+$/, ""), bytes.toString("base64url"), bytes.toString("hex"), encodeURIComponent(value)])];
}

function scrubString(text: string, needles: string[]): string {
  let result = text;
  for (const needle of needles) if (result.includes(needle)) result = result.split(needle).join(REDACTED);
  return result;
}

/**
 * Returns a copy with secrets removed: fields whose name says they hold a credential, and any known secret value
 * (remembered by the secret store, or passed in) in any of its encodings, wherever it appears in a string.
 */
export function redact<T>(value: T, extraSecrets: string[] = []): T {
  const needles = [...knownValues, ...extraSecrets.filter((secret) => secret.length >= minimumSecretLength)]
    .flatMap(encodingsOf)
    .sort((a, b) => b.length - a.length);
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") return scrubString(node, needles);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === "object") {
      return Object.fromEntries(
        Object.entries(node).map(([key, child]) => [key, isSecretFieldName(key) && child !== null && child !== undefined && child !== "" ? REDACTED : walk(child)]),
      );
    }
    return node;
  };
  return walk(value) as T;
}
