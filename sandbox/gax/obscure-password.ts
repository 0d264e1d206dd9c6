import { createHash } from "node:crypto";

/**
 * How the GAX web UI obscures a password for `isPasswordEncrypted: true` is not published. The sandbox's
 * convention: base64 of SHA-256 over "gax:" + password. Operators of a real GAX copy the value their GAX UI
 * sends; a seed may also give each person's obscured value explicitly.
 */
export function obscureGaxPassword(password: string): string {
  return createHash("sha256").update(`gax:${password}`, "utf8").digest("base64");
}
