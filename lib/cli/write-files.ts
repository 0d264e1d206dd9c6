import { mkdir, open, stat } from "node:fs/promises";
import { join } from "node:path";
import { CliFailure } from "./errors";
import { systemReason } from "./password-input";

export interface OutputFile {
  name: string;
  content: string;
  /** Holds a private key or a password: mode 0600 instead of 0644. */
  secret: boolean;
}

/**
 * Writes the files into the directory (created 0700 when missing). Refuses to overwrite anything unless
 * forced, and checks that before writing, so a refusal leaves the directory untouched.
 */
export async function writeOutputFiles(directory: string, files: OutputFile[], force: boolean): Promise<void> {
  try {
    await mkdir(directory, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new CliFailure(`--out: cannot create ${directory} (${systemReason(error)})`);
  }
  if (!force) {
    const existing = (
      await Promise.all(files.map(async (file) => ((await exists(join(directory, file.name))) ? file.name : undefined)))
    ).filter((name) => name !== undefined);
    if (existing.length > 0) {
      throw new CliFailure(`--out: ${directory} already holds ${existing.join(", ")}; use --force to overwrite`);
    }
  }
  for (const file of files) {
    const path = join(directory, file.name);
    const mode = file.secret ? 0o600 : 0o644;
    try {
      const handle = await open(path, "w", mode);
      try {
        await handle.chmod(mode); // the mode given to open applies only to a new file; set it before any content
        await handle.writeFile(file.content);
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw new CliFailure(`--out: cannot write ${path} (${systemReason(error)})`);
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
