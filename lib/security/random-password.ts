import { randomInt } from "node:crypto";

// No look-alike characters (0/O, 1/l/I) and no characters that need quoting in shells or config files.
const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.";

export function generatePassword(length = 24): string {
  if (length < 16) throw new Error("Generated passwords are at least 16 characters long.");
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join("");
}
