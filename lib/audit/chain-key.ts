import { createHmac, hkdfSync } from "node:crypto";
import { loadKeyring, SecretKeyError } from "@/lib/secrets/keyring";

export type ChainKey = { fingerprint: string; key: Buffer };

const derived = new Map<string, Buffer>();

/** The audit chain's own key, derived from a master key, so the chain key is never the key that seals secrets. */
function derive(master: { key: Buffer; fingerprint: string }): ChainKey {
  let key = derived.get(master.fingerprint);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", master.key, Buffer.alloc(0), "hybrid-provisioner/audit-chain/v1", 32));
    derived.set(master.fingerprint, key);
  }
  return { fingerprint: master.fingerprint, key };
}

/** The key new rows and checkpoints are signed with: derived from APP_ENCRYPTION_KEY. */
export const currentChainKey = (): ChainKey => derive(loadKeyring().current);

/** The key of a master key fingerprint, current or one of APP_ENCRYPTION_PREVIOUS_KEYS. */
export function chainKeyFor(fingerprint: string): ChainKey {
  const master = loadKeyring().byFingerprint.get(fingerprint);
  if (!master)
    throw new SecretKeyError(
      `signed with master key ${fingerprint}, which is neither APP_ENCRYPTION_KEY nor in APP_ENCRYPTION_PREVIOUS_KEYS`,
    );
  return derive(master);
}

export const hmacHex = (key: ChainKey, text: string) => createHmac("sha256", key.key).update(text).digest("hex");
