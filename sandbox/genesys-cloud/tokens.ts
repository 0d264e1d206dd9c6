// Access tokens the sandbox issues.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { SandboxState, StoredClient, TokenSubject } from "./state";

export function issueToken(
  state: SandboxState,
  { orgId, subject, client }: { orgId: string; subject: TokenSubject; client: StoredClient },
) {
  const accessToken = randomBytes(32).toString("base64url");
  const expiresIn = client.accessTokenValiditySeconds;
  // Client-credentials tokens are limited by the client's roles only; the others by the client's scopes too.
  const scopes = client.authorizedGrantType === "CLIENT-CREDENTIALS" ? [] : [...client.scope];
  state.tokens.set(accessToken, { orgId, subject, scopes, expiresAt: Date.now() + expiresIn * 1000 });
  return { access_token: accessToken, token_type: "bearer", expires_in: expiresIn };
}

export function secretsMatch(given: string, stored: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}
