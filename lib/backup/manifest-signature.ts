import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import canonicalize from "canonicalize";
import type { Keyring, MasterKey } from "@/lib/secrets/keyring";
import { BackupError } from "./errors";
import { MANIFEST_FILE, type BackupManifest } from "./manifest";

/**
 * The manifest is signed with a key derived from the master key: its checksums then show a file changed on purpose
 * too (a user row added, a checksum recomputed), not only a damaged one, by anyone without the key.
 */
const keyOf = (master: MasterKey) =>
  Buffer.from(hkdfSync("sha256", master.key, Buffer.alloc(0), "hybrid-provisioner/backup-manifest/v1", 32));

const hmacOf = (master: MasterKey, manifest: Omit<BackupManifest, "signature">) =>
  createHmac("sha256", keyOf(master)).update(canonicalize(manifest)!).digest("hex");

export function signManifest(manifest: Omit<BackupManifest, "signature">, keyring: Keyring): BackupManifest {
  return { ...manifest, signature: { key: keyring.current.fingerprint, hmac: hmacOf(keyring.current, manifest) } };
}

export function checkManifestSignature(manifest: BackupManifest, keyring: Keyring): void {
  const { signature, ...signed } = manifest;
  const master = keyring.byFingerprint.get(signature.key);
  if (!master)
    throw new BackupError(
      `${MANIFEST_FILE} is signed with master key ${signature.key}, which is not among the keys at hand; nothing was restored`,
    );
  const expected = Buffer.from(hmacOf(master, signed), "hex");
  const actual = Buffer.from(signature.hmac, "hex");
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
    throw new BackupError(
      `${MANIFEST_FILE} does not match its signature (changed after the backup was made); nothing was restored`,
    );
}
