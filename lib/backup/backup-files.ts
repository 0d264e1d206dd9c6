import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { BackupFile } from "./manifest";
import { BackupError } from "./errors";

/** The backup directory: created 0700, refused when it already holds anything (a backup never overwrites). */
export async function createBackupDirectory(directory: string): Promise<void> {
  const entries = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw new BackupError(`--out: cannot read ${directory} (${error.code ?? error.message})`);
  });
  if (entries.length > 0)
    throw new BackupError(
      `--out: ${directory} is not empty (${entries.slice(0, 3).join(", ")}); choose a new directory`,
    );
  await mkdir(directory, { recursive: true, mode: 0o700 });
}

export async function emptyDirectory(directory: string): Promise<void> {
  for (const entry of await readdir(directory)) await rm(join(directory, entry), { recursive: true, force: true });
}

/** Writes a stream to a new file (0600, in a 0700 sub-directory), returning its checksum, size and line count. */
export async function writeStreamFile(
  directory: string,
  path: string,
  source: Readable,
): Promise<BackupFile & { lines: number }> {
  const target = join(directory, path);
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  const hash = createHash("sha256");
  let bytes = 0;
  let lines = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      // COPY's text format ends every row with a newline and escapes newlines inside values.
      for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, index + 1)) lines += 1;
      done(null, chunk);
    },
  });
  await pipeline(source, measure, createWriteStream(target, { flags: "wx", mode: 0o600 }));
  return { path, sha256: hash.digest("hex"), bytes, lines };
}

export async function writeSmallFile(directory: string, path: string, content: string): Promise<BackupFile> {
  const target = join(directory, path);
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  await writeFile(target, content, { flag: "wx", mode: 0o600 });
  return {
    path,
    sha256: createHash("sha256").update(content).digest("hex"),
    bytes: Buffer.byteLength(content),
  };
}
