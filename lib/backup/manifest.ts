import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { BackupError } from "./errors";

export const MANIFEST_FILE = "manifest.json";
export const BACKUP_FORMAT_VERSION = 1;

const fileEntry = z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int() });

/** What a backup directory holds; every other file in it is listed with its SHA-256 and checked before a restore. */
export const manifestSchema = z.object({
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  product: z.object({ name: z.string(), version: z.string() }),
  createdAt: z.string(),
  server: z.object({ version: z.string() }),
  /** The applied migrations, in order: a restore brings the empty database to exactly this level. */
  migrations: z.array(z.string()),
  /** Application tables in the order their rows go back in (a table after those its foreign keys point at). */
  tables: z.array(
    z.object({ name: z.string(), columns: z.array(z.string()), rows: z.number().int(), file: z.string() }),
  ),
  audit: z.object({
    logId: z.string().nullable(),
    head: z.object({ seq: z.string(), hash: z.string() }).nullable(),
    checkpointsFile: z.string().nullable(),
  }),
  keys: z.object({
    /** file: copied into keys/; environment: not in the backup, kept by the operator (APP_ENCRYPTION_KEY...). */
    masterKey: z.enum(["file", "environment"]),
    previousKeys: z.enum(["file", "environment", "none"]),
    /** Fingerprints of the master keys the data needs (sealed secrets, the audit chain): never the keys. */
    needed: z.array(z.string()),
  }),
  files: z.array(fileEntry),
  /** HMAC-SHA256 of the rest (canonical JSON) under a key derived from the master key of this fingerprint. */
  signature: z.object({ key: z.string(), hmac: z.string().regex(/^[0-9a-f]{64}$/) }),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export type BackupFile = z.infer<typeof fileEntry>;

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export async function readManifest(directory: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await readFile(join(directory, MANIFEST_FILE), "utf8");
  } catch {
    throw new BackupError(`${join(directory, MANIFEST_FILE)} cannot be read: not a backup directory`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BackupError(`${MANIFEST_FILE} is not valid JSON`);
  }
  const formatVersion = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (formatVersion !== BACKUP_FORMAT_VERSION)
    throw new BackupError(
      `${MANIFEST_FILE} has format version ${String(formatVersion)}; this build reads version ${BACKUP_FORMAT_VERSION}`,
    );
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BackupError(`${MANIFEST_FILE}: ${issue.path.join(".")} ${issue.message}`);
  }
  return parsed.data;
}

/** Every file the manifest lists is there with its checksum (`optional` ones may be absent); the first that is not is named. */
export async function verifyBackupFiles(
  directory: string,
  manifest: BackupManifest,
  optional: readonly string[] = [],
): Promise<void> {
  const referenced = [
    ...manifest.tables.map((table) => table.file),
    ...(manifest.audit.checkpointsFile ? [manifest.audit.checkpointsFile] : []),
  ];
  for (const path of referenced)
    if (!manifest.files.some((file) => file.path === path))
      throw new BackupError(`${MANIFEST_FILE} names ${path} but gives no checksum for it`);
  for (const file of manifest.files) {
    if (file.path.split("/").includes("..")) throw new BackupError(`${MANIFEST_FILE} names a file outside the backup`);
    const path = join(directory, file.path);
    if (optional.includes(file.path) && !existsSync(path)) continue;
    let actual: string;
    try {
      actual = await sha256OfFile(path);
    } catch {
      throw new BackupError(`${file.path} is missing from the backup; nothing was restored`);
    }
    if (actual !== file.sha256)
      throw new BackupError(
        `${file.path} does not match its checksum in ${MANIFEST_FILE} (damaged or changed); nothing was restored`,
      );
  }
}
