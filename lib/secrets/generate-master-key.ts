import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dataFiles, randomKeyBase64 } from "@/lib/runtime/data-files";

/**
 * Embedded default only: makes a new master key current and keeps the old one in previous.keys, in an order that
 * leaves both readable if interrupted (the old key is kept before the new one replaces it).
 */
export function generateNewMasterKey(dataDirectory: string): { previous: string; current: string } {
  const files = dataFiles(dataDirectory);
  if (!existsSync(files.masterKey)) throw new Error(`No master key at ${files.masterKey}: nothing to rotate from.`);
  const previous = readFileSync(files.masterKey, "utf8").trim();
  const kept = existsSync(files.previousKeys) ? readFileSync(files.previousKeys, "utf8").split(/\s+/) : [];
  if (!kept.includes(previous)) appendFileSync(files.previousKeys, `${previous}\n`, { mode: 0o600 });
  const current = randomKeyBase64();
  writeFileSync(`${files.masterKey}.new`, `${current}\n`, { mode: 0o600 });
  renameSync(`${files.masterKey}.new`, files.masterKey);
  return { previous, current };
}
