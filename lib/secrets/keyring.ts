import { createHash } from "node:crypto";

export type MasterKey = { key: Buffer; fingerprint: string };
export type Keyring = { current: MasterKey; byFingerprint: ReadonlyMap<string, MasterKey> };

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretKeyError";
  }
}

function toMasterKey(base64: string, variable: string): MasterKey {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new SecretKeyError(`${variable} must be 32 bytes, base64-encoded.`);
  // The fingerprint identifies a key without revealing it; it is what a key version points at.
  return { key, fingerprint: createHash("sha256").update(key).digest("hex").slice(0, 32) };
}

// The keyring of the last environment read: sealing, opening and every audit row's hash ask for it, so the keys are
// decoded and fingerprinted once per change of the variables, not once per call.
let loaded: { source: string; keyring: Keyring } | undefined;

/** The current master key (APP_ENCRYPTION_KEY) plus older ones still needed to open values sealed before a rotation. */
export function loadKeyring(env: Record<string, string | undefined> = process.env): Keyring {
  const source = `${env.APP_ENCRYPTION_KEY ?? ""}\n${env.APP_ENCRYPTION_PREVIOUS_KEYS ?? ""}`;
  if (loaded?.source === source) return loaded.keyring;
  const keyring = readKeyring(env);
  loaded = { source, keyring };
  return keyring;
}

function readKeyring(env: Record<string, string | undefined>): Keyring {
  if (!env.APP_ENCRYPTION_KEY) {
    throw new SecretKeyError(
      "APP_ENCRYPTION_KEY is not set: secrets cannot be sealed or opened without the master key.",
    );
  }
  const current = toMasterKey(env.APP_ENCRYPTION_KEY, "APP_ENCRYPTION_KEY");
  const previous = (env.APP_ENCRYPTION_PREVIOUS_KEYS ?? "")
    .split(",")
    .map((value) => value.trim())
    .filter(Boolean)
    .map((value) => toMasterKey(value, "APP_ENCRYPTION_PREVIOUS_KEYS"));
  const byFingerprint = new Map([...previous, current].map((entry) => [entry.fingerprint, entry]));
  return { current, byFingerprint };
}
