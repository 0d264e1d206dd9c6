import { createHash, randomBytes } from "node:crypto";

/** Tokens start with hp_ so secret scanners can find leaked ones. */
export const apiTokenPrefix = "hp_";
const tokenShape = /^hp_[A-Za-z0-9_-]{43}$/;

/** 32 random bytes (256 bits): enough that a plain SHA-256 is a safe stored form, with no salt or slow hash needed. */
export function generateApiToken(): string {
  return apiTokenPrefix + randomBytes(32).toString("base64url");
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function looksLikeApiToken(value: string): boolean {
  return tokenShape.test(value);
}

/** What the token list shows to tell tokens apart: the prefix and the first few random characters. */
export function displayPrefix(token: string): string {
  return token.slice(0, apiTokenPrefix.length + 6);
}
