import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { lineText, secretText } from "@/lib/validation/text";

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name such as HP_GAX_PASSWORD");

/** A secret in a fleet file: inline, or a reference to an environment variable or a file (relative to the fleet file). */
export const secretSourceSchema = z.union(
  [secretText(), z.object({ env: envName }).strict(), z.object({ file: lineText(1024) }).strict()],
  { error: "must be the secret itself, { env: NAME } or { file: PATH }" },
);
export type SecretSource = z.output<typeof secretSourceSchema>;

export type SecretResolution = { value: string } | { problem: string };

/**
 * Where references are looked up: the environment, and the directory relative file paths start from. `inlineOnly`:
 * a file uploaded to the dashboard, whose references would name the server's own environment and files.
 */
export type SecretLookup = { env: Record<string, string | undefined>; baseDir: string; inlineOnly?: boolean };

/** The secret's value (a file's content without its final line break), or why it cannot be read. */
export async function resolveSecret(source: SecretSource, lookup: SecretLookup): Promise<SecretResolution> {
  if (typeof source === "string") return { value: source };
  if (lookup.inlineOnly)
    return { problem: "must be given inline in an upload (references would name the server's environment and files)" };
  if ("env" in source) {
    const value = lookup.env[source.env];
    return value ? { value } : { problem: `names environment variable ${source.env}, which is not set or empty` };
  }
  const path = isAbsolute(source.file) ? source.file : resolve(lookup.baseDir, source.file);
  try {
    const value = (await readFile(path, "utf8")).replace(/\r?\n$/, "");
    return value ? { value } : { problem: `names file ${source.file}, which is empty` };
  } catch (error) {
    const code = (error as { code?: string }).code ?? "unreadable";
    return { problem: `names file ${source.file}, which cannot be read (${code})` };
  }
}

/** The variable name an export suggests for a secret: HP_ and the words given, upper case. */
export const suggestedEnvName = (...words: string[]) =>
  ["HP", ...words]
    .join("_")
    .toUpperCase()
    .replace(/[^A-Z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/_$/, "");
