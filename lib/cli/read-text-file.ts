import { readFile } from "node:fs/promises";
import { CliFailure } from "./errors";
import { systemReason } from "./password-input";

/** Reads a text file named by an option or argument; a failure names that option. */
export async function readTextFile(path: string, optionName: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new CliFailure(`${optionName}: cannot read ${path} (${systemReason(error)})`);
  }
}
