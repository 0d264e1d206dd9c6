import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, cspNonce } from "@/lib/http/content-security-policy";

describe("the Content-Security-Policy", () => {
  it("allows scripts only with the response's nonce, and eval only in development", () => {
    const production = contentSecurityPolicy("abc123");
    expect(production).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic';");
    expect(production).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy("abc123", { development: true })).toContain(
      "'nonce-abc123' 'strict-dynamic' 'unsafe-eval'",
    );
    for (const directive of ["object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'"])
      expect(production).toContain(directive);
  });

  it("makes a different 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 50 }, cspNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
