import { readFile } from "node:fs/promises";
import { CliFailure } from "./errors";
import type { CliIo } from "./io";

export interface PasswordOptions {
  passwordFile?: string;
  passwordStdin?: boolean;
}

/** Reads the key password from --password-file or --password-stdin (one trailing newline dropped), if given. */
export async function readPasswordOption(options: PasswordOptions, io: CliIo): Promise<string | undefined> {
  let text: string;
  let source: string;
  if (options.passwordFile !== undefined) {
    source = "--password-file";
    try {
      text = await readFile(options.passwordFile, "utf8");
    } catch (error) {
      throw new CliFailure(`${source}: cannot read ${options.passwordFile} (${systemReason(error)})`);
    }
  } else if (options.passwordStdin) {
    source = "--password-stdin";
    text = await io.readStdin();
  } else {
    return undefined;
  }
  const password = text.replace(/\r?\n$/, "");
  if (password === "") throw new CliFailure(`${source}: the password is empty`);
  return password;
}

export function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  return code ?? (error instanceof Error ? error.message : String(error));
}
