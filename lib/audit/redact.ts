const REDACTED = "[redacted]";

// Field names that hold credentials, judged by their words ("client_secret", "clientSecret" and "x-client-secret"
// alike), so that "stepKey" or "tokenLifetimeSeconds" keep their values while "privateKey" and "pkey" do not.
const secretWords = new Set([
  "password",
  "passwd",
  "passphrase",
  "secret",
  "token",
  "pkey",
  "assertion",
  "authorization",
  "cookie",
  "credential",
  "credentials",
]);
const secretWordPairs = new Set(["privatekey", "apikey", "masterkey", "encryptionkey", "signingkey", "setcookie"]);
const harmlessLastWords = new Set([
  "seconds",
  "lifetime",
  "expiry",
  "expires",
  "url",
  "uri",
  "type",
  "count",
  "length",
  "endpoint",
  "at",
]);

function wordsOf(name: string): string[] {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function judgeFieldName(name: string): boolean {
  const words = wordsOf(name);
  if (words.length === 0 || harmlessLastWords.has(words[words.length - 1]!)) return false;
  return words.some((word, index) => secretWords.has(word) || secretWordPairs.has(`${word}${words[index + 1] ?? ""}`));
}

// The same few field names come by on every redaction; emptied when full, so unusual names cannot grow it.
const judgedFieldNames = new Map<string, boolean>();

export function isSecretFieldName(name: string): boolean {
  let secret = judgedFieldNames.get(name);
  if (secret === undefined) {
    if (judgedFieldNames.size >= 1_000) judgedFieldNames.clear();
    secret = judgeFieldName(name);
    judgedFieldNames.set(name, secret);
  }
  return secret;
}

// Values sealed or opened by this process, each with its encodings (computed once, when it is remembered); bounded
// so a long-running process does not grow without limit. Most recently remembered last.
const knownValues = new Map<string, string[]>();
const maxKnownValues = 10_000;
const minimumSecretLength = 6;

export function rememberSecretValue(value: string): void {
  if (value.length < minimumSecretLength) return;
  const known = knownValues.get(value);
  const encodings = known ?? encodingsOf(value);
  knownValues.delete(value);
  knownValues.set(value, encodings);
  knownSorted = undefined;
  if (known) return;
  countPrefixes(encodings, 1);
  if (knownValues.size > maxKnownValues) {
    const oldest = knownValues.keys().next().value as string;
    countPrefixes(knownValues.get(oldest)!, -1);
    knownValues.delete(oldest);
  }
}

/** Every form in which a secret could be written out: as is, base64, base64url, hex and URL-encoded. */
export function encodingsOf(value: string): string[] {
  const bytes = Buffer.from(value, "utf8");
  return [
    ...new Set([
      value,
      bytes.toString("base64"),
      bytes.toString("base64").replace(/=+$/, ""),
      bytes.toString("base64url"),
      bytes.toString("hex"),
      encodeURIComponent(value),
    ]),
  ];
}

// Every needle is at least this long (a value of minimumSecretLength characters; its encodings are no shorter).
const prefixLength = minimumSecretLength;

const longestFirst = (needles: string[]) => needles.sort((a, b) => b.length - a.length);
const prefixesOf = (needles: string[]) => new Set(needles.map((needle) => needle.slice(0, prefixLength)));

/** The first characters of the known values' needles, with how many needles start so; kept as values come and go. */
const knownPrefixes = new Map<string, number>();

function countPrefixes(needles: string[], by: 1 | -1) {
  for (const prefix of needles.map((needle) => needle.slice(0, prefixLength))) {
    const count = (knownPrefixes.get(prefix) ?? 0) + by;
    if (count > 0) knownPrefixes.set(prefix, count);
    else knownPrefixes.delete(prefix);
  }
}

/** The known values' needles longest first (a stable sort: equal lengths keep their order), built when first needed. */
let knownSorted: string[] | undefined;

/**
 * The needles of one redaction: the known values' and the caller's. The list in which they are tried is built only
 * when some string may contain one: known needles first, then the caller's, then a stable sort by length, as the one
 * list of both would sort.
 */
function needlesFor(extraSecrets: string[]) {
  const extra = extraSecrets.filter((secret) => secret.length >= minimumSecretLength).flatMap(encodingsOf);
  let sorted: string[] | undefined;
  return {
    prefixes: extra.length === 0 ? [knownPrefixes] : [knownPrefixes, prefixesOf(extra)],
    sorted: () => {
      knownSorted ??= longestFirst([...knownValues.values()].flat());
      return (sorted ??= extra.length === 0 ? knownSorted : longestFirst([...knownSorted, ...extra]));
    },
  };
}

/** True when some needle could start in text: no needle's first characters occur there means no needle does. */
function mayContainNeedle(text: string, prefixes: { has(prefix: string): boolean }[]): boolean {
  for (let start = 0; start + prefixLength <= text.length; start += 1) {
    const part = text.slice(start, start + prefixLength);
    if (prefixes.some((set) => set.has(part))) return true;
  }
  return false;
}

function scrubString(text: string, needles: ReturnType<typeof needlesFor>): string {
  if (!mayContainNeedle(text, needles.prefixes)) return text;
  let result = text;
  for (const needle of needles.sorted()) if (result.includes(needle)) result = result.split(needle).join(REDACTED);
  return result;
}

/**
 * Returns a copy with secrets removed: fields whose name says they hold a credential, and any known secret value
 * (remembered by the secret store, or passed in) in any of its encodings, wherever it appears in a string.
 */
export function redact<T>(value: T, extraSecrets: string[] = []): T {
  const needles = needlesFor(extraSecrets);
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") return scrubString(node, needles);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === "object") {
      return Object.fromEntries(
        Object.entries(node).map(([key, child]) => [
          key,
          isSecretFieldName(key) && child !== null && child !== undefined && child !== "" ? REDACTED : walk(child),
        ]),
      );
    }
    return node;
  };
  return walk(value) as T;
}
