const REDACTED = "[redacted]";

// Field names that hold credentials, judged by their words ("client_secret", "clientSecret" and "x-client-secret"
// alike), so that "stepKey" or "tokenLifetimeSeconds" keep their values while "privateKey" and "pkey" do not.
const secretWords = new Set(["password", "passwd", "passphrase", "secret", "token", "pkey", "assertion", "authorization", "cookie", "credential", "credentials"]);
const secretWordPairs = new Set(["privatekey", "apikey", "masterkey", "encryptionkey", "signingkey", "setcookie"]);
const harmlessLastWords = new Set(["seconds", "lifetime", "expiry", "expires", "url", "uri", "type", "count", "length", "endpoint", "at"]);

function wordsOf(name: string): string[] {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function isSecretFieldName(name: string): boolean {
  const words = wordsOf(name);
  if (words.length === 0 || harmlessLastWords.has(words[words.length - 1]!)) return false;
  return words.some((word, index) => secretWords.has(word) || secretWordPairs.has(`${word}${words[index + 1] ?? ""}`));
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
