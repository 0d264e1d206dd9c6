import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadKeyring } from "@/lib/secrets/keyring";
import { dataFiles } from "@/lib/runtime/data-files";
import type { BackupManifest } from "./manifest";
import { BackupError } from "./errors";

export const KEY_FILES = { masterKey: "keys/master.key", previousKeys: "keys/previous.keys" } as const;

type Env = Record<string, string | undefined>;
export type KeySources = BackupManifest["keys"] & { copy: { from: string; to: string }[] };

/**
 * Where this installation's master keys come from, read before the runtime fills the environment in: the data
 * directory's files are copied into the backup; keys given in the environment are not, and the operator keeps them.
 */
export function keySources(options: { env: Env; dataDirectory: string; needed: string[] }): KeySources {
  const { env, needed } = options;
  const files = dataFiles(options.dataDirectory);
  const copy: { from: string; to: string }[] = [];
  const masterKey = env.APP_ENCRYPTION_KEY ? "environment" : "file";
  if (masterKey === "file") copy.push({ from: files.masterKey, to: KEY_FILES.masterKey });
  let previousKeys: KeySources["previousKeys"] = "none";
  if (env.APP_ENCRYPTION_PREVIOUS_KEYS) previousKeys = "environment";
  else if (!env.DATABASE_URL && existsSync(files.previousKeys)) {
    previousKeys = "file";
    copy.push({ from: files.previousKeys, to: KEY_FILES.previousKeys });
  }
  return { masterKey, previousKeys, needed, copy };
}

const readKey = (path: string) => readFileSync(path, "utf8").trim();
const readKeys = (path: string) => readFileSync(path, "utf8").split(/\s+/).filter(Boolean);

/** The keys a restore will use, and the files it writes into the data directory (embedded default, keys from the backup). */
export type RestoreKeys = {
  env: { APP_ENCRYPTION_KEY: string; APP_ENCRYPTION_PREVIOUS_KEYS: string };
  source: "environment" | "backup";
  write: { path: string; content: string }[];
};

/**
 * Decides, before anything is written, which master keys open the restored data: APP_ENCRYPTION_KEY when set, else
 * (embedded default) the backup's key files. Refuses when those keys do not cover every key the backup needs, or when
 * the data directory already holds a different key.
 */
export function planRestoreKeys(options: {
  backup: string;
  manifest: BackupManifest;
  env: Env;
  dataDirectory: string;
}) {
  const { backup, manifest, env } = options;
  let plan: RestoreKeys;
  if (env.APP_ENCRYPTION_KEY) {
    plan = {
      env: {
        APP_ENCRYPTION_KEY: env.APP_ENCRYPTION_KEY,
        APP_ENCRYPTION_PREVIOUS_KEYS: env.APP_ENCRYPTION_PREVIOUS_KEYS ?? "",
      },
      source: "environment",
      write: [],
    };
  } else if (env.DATABASE_URL || manifest.keys.masterKey !== "file") {
    throw new BackupError(
      manifest.keys.masterKey === "file"
        ? `set APP_ENCRYPTION_KEY (and APP_ENCRYPTION_PREVIOUS_KEYS) to the backup's keys, in ${join(backup, "keys")}: with DATABASE_URL the keys come from the environment`
        : "this backup's master key came from the environment and is not in it: set APP_ENCRYPTION_KEY (and APP_ENCRYPTION_PREVIOUS_KEYS) to the keys the installation used",
    );
  } else {
    const current = readKey(join(backup, KEY_FILES.masterKey));
    const previous = manifest.keys.previousKeys === "file" ? readKeys(join(backup, KEY_FILES.previousKeys)) : [];
    const files = dataFiles(options.dataDirectory);
    const write = [
      { path: files.masterKey, content: `${current}\n` },
      ...(previous.length ? [{ path: files.previousKeys, content: `${previous.join("\n")}\n` }] : []),
    ];
    for (const file of write)
      if (existsSync(file.path) && readFileSync(file.path, "utf8").trim() !== file.content.trim())
        throw new BackupError(
          `${file.path} already holds another key: restore into a fresh DATA_DIR, or move that directory away first`,
        );
    plan = {
      env: { APP_ENCRYPTION_KEY: current, APP_ENCRYPTION_PREVIOUS_KEYS: previous.join(",") },
      source: "backup",
      write,
    };
  }
  const keyring = loadKeyring(plan.env);
  const missing = manifest.keys.needed.filter((fingerprint) => !keyring.byFingerprint.has(fingerprint));
  if (missing.length)
    throw new BackupError(
      `the backup needs master key ${missing.join(", ")} (fingerprint), which is neither APP_ENCRYPTION_KEY nor among the previous keys ${plan.source === "backup" ? "in the backup" : "given"}; nothing was restored`,
    );
  return plan;
}
