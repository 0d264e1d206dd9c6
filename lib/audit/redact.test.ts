import { describe, expect, it } from "vitest";
import { encodingsOf, isSecretFieldName, redact, rememberSecretValue } from "@/lib/audit/redact";

describe("redact", () => {
  it("removes fields whose names say they hold credentials, at any depth", () => {
    const result = redact({ clientId: "abc", client_secret: "s3cret-value", nested: [{ Password: "x" }, { accessToken: "t" }], note: "kept" });
    expect(result).toEqual({ clientId: "abc", client_secret: "[redacted]", nested: [{ Password: "[redacted]" }, { accessToken: "[redacted]" }], note: "kept" });
  });

  it("judges field names by their words, so step keys and lifetimes stay while keys and tokens go", () => {
    for (const name of ["privateKey", "pkey", "client_secret", "x-api-key", "accessToken", "refresh_token", "SAMLAssertion", "Set-Cookie", "gaxPassword", "bootstrapClientSecret"]) {
      expect(isSecretFieldName(name), name).toBe(true);
    }
    for (const name of ["stepKey", "groupKey", "lookupKey", "step", "tokenLifetimeSeconds", "accessTokenValiditySeconds", "issuerURI", "keyVersion", "clientId"]) {
      expect(isSecretFieldName(name), name).toBe(false);
    }
  });

  it("removes a known secret value in every encoding, wherever it appears", () => {
    const secret = "hunter2-very-secret";
    rememberSecretValue(secret);
    for (const encoded of encodingsOf(secret)) {
      expect(JSON.stringify(redact({ message: `before ${encoded} after`, list: [encoded] }))).not.toContain(encoded);
    }
  });

  it("removes values the caller passes in, and leaves short or unrelated strings alone", () => {
    expect(redact({ text: "the value is zz-top-secret-zz" }, ["zz-top-secret-zz"])).toEqual({ text: "the value is [redacted]" });
    expect(redact({ text: "abc" }, ["abc"])).toEqual({ text: "abc" });
  });
});
