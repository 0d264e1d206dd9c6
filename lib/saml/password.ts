import { randomPassword } from "@/lib/security/random-password";
import { SamlInputError } from "./errors";

export { PASSWORD_ALPHABET } from "@/lib/security/random-password";
const MIN_GENERATED_PASSWORD_LENGTH = 24;
const DEFAULT_GENERATED_PASSWORD_LENGTH = 32;
const MIN_KEY_PASSWORD_LENGTH = 12;
const MAX_KEY_PASSWORD_LENGTH = 1024;

/** A password for the key encryption, each character drawn uniformly with the operating system's CSPRNG. */
export function generatePassword(length = DEFAULT_GENERATED_PASSWORD_LENGTH): string {
  if (!Number.isInteger(length) || length < MIN_GENERATED_PASSWORD_LENGTH || length > MAX_KEY_PASSWORD_LENGTH) {
    throw new SamlInputError(
      "length",
      `must be a whole number from ${MIN_GENERATED_PASSWORD_LENGTH} to ${MAX_KEY_PASSWORD_LENGTH}`,
    );
  }
  return randomPassword(length);
}

const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * Rules for a password that will encrypt a new key: long enough, and printable ASCII without spaces, so
 * that OpenSSL, node-forge and the on-premises components all derive the same key bytes from it.
 */
export function assertKeyPassword(password: string): void {
  if (password.length < MIN_KEY_PASSWORD_LENGTH) {
    throw new SamlInputError("password", `must be at least ${MIN_KEY_PASSWORD_LENGTH} characters`);
  }
  if (password.length > MAX_KEY_PASSWORD_LENGTH) {
    throw new SamlInputError("password", `must be at most ${MAX_KEY_PASSWORD_LENGTH} characters`);
  }
  if (!PRINTABLE_ASCII.test(password)) {
    throw new SamlInputError("password", "must be printable ASCII characters without spaces");
  }
}
