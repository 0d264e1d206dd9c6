import { describe, expect, it, vi } from "vitest";
import { encodingsOf, isSecretFieldName, redact, rememberSecretValue } from "@/lib/audit/redact";

describe("redact", () => {
  it("removes fields whose names say they hold credentials, at any depth", () => {
    const result = redact({
      clientId: "abc",
      client_secret: "s3cret-value",
      nested: [{ Password: "x" }, { accessToken: "t" }],
      note: "kept",
    });
    expect(result).toEqual({
      clientId: "abc",
      client_secret: "[redacted]",
      nested: [{ Password: "[redacted]" }, { accessToken: "[redacted]" }],
      note: "kept",
    });
  });

  it("judges field names by their words, so step keys and lifetimes stay while keys and tokens go", () => {
    for (const name of [
      "privateKey",
      "pkey",
      "client_secret",
      "x-api-key",
      "accessToken",
      "refresh_token",
      "SAMLAssertion",
      "Set-Cookie",
      "gaxPassword",
      "bootstrapClientSecret",
    ]) {
      expect(isSecretFieldName(name), name).toBe(true);
    }
    for (const name of [
      "stepKey",
      "groupKey",
      "lookupKey",
      "step",
      "tokenLifetimeSeconds",
      "accessTokenValiditySeconds",
      "issuerURI",
      "keyVersion",
      "clientId",
    ]) {
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
    expect(redact({ text: "the value is zz-top-secret-zz" }, ["zz-top-secret-zz"])).toEqual({
      text: "the value is [redacted]",
    });
    expect(redact({ text: "abc" }, ["abc"])).toEqual({ text: "abc" });
  });
});

describe("redact compared with re-encoding every known value on every call", () => {
  /** The redaction before encodings were cached: every known and passed value encoded, longest first, per call. */
  function reference(
    value: unknown,
    {
      known,
      extraSecrets,
      isSecretField,
      encode,
    }: {
      known: string[];
      extraSecrets: string[];
      isSecretField: (name: string) => boolean;
      encode: (value: string) => string[];
    },
  ): unknown {
    const needles = [...known, ...extraSecrets.filter((secret) => secret.length >= 6)]
      .flatMap(encode)
      .sort((a, b) => b.length - a.length);
    const scrub = (text: string) =>
      needles.reduce(
        (result, needle) => (result.includes(needle) ? result.split(needle).join("[redacted]") : result),
        text,
      );
    const walk = (node: unknown): unknown => {
      if (typeof node === "string") return scrub(node);
      if (Array.isArray(node)) return node.map(walk);
      if (node && typeof node === "object")
        return Object.fromEntries(
          Object.entries(node).map(([key, child]) => [
            key,
            isSecretField(key) && child !== null && child !== undefined && child !== "" ? "[redacted]" : walk(child),
          ]),
        );
      return node;
    };
    return walk(value);
  }

  /** Two letters make secrets overlap each other and the texts often, equal lengths included, where order matters. */
  function generator(seed: number) {
    let state = seed;
    const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const word = (min: number, max: number) =>
      Array.from({ length: min + Math.floor(next() * (max - min + 1)) }, () => "ab"[Math.floor(next() * 2)]).join("");
    return { next, word };
  }

  it("redacts exactly the same, as values are remembered again, in any order, after earlier redactions", async () => {
    vi.resetModules();
    const fresh = await import("@/lib/audit/redact");
    const { next, word } = generator(7);
    const known: string[] = [];
    for (let round = 0; round < 200; round += 1) {
      const value = next() < 0.3 && known.length > 0 ? known[Math.floor(next() * known.length)]! : word(4, 9);
      fresh.rememberSecretValue(value);
      if (value.length >= 6) {
        const at = known.indexOf(value);
        if (at >= 0) known.splice(at, 1);
        known.push(value);
      }
      const extras = next() < 0.5 ? [word(3, 9), word(6, 8), ...(known.length > 0 ? [known[0]!] : [])] : [];
      const base64 = Buffer.from(word(6, 9)).toString("base64");
      const input = {
        text: word(0, 40),
        list: [word(6, 30), `x ${base64} ${encodeURIComponent(value)} y`],
        n: 3,
        clientSecret: word(1, 3),
        nested: { note: word(10, 40) },
      };
      expect(fresh.redact(input, extras), `round ${round}`).toEqual(
        reference(input, {
          known,
          extraSecrets: extras,
          isSecretField: fresh.isSecretFieldName,
          encode: fresh.encodingsOf,
        }),
      );
    }
  });

  it("redacts a value remembered after the last redaction", async () => {
    vi.resetModules();
    const fresh = await import("@/lib/audit/redact");
    expect(fresh.redact({ text: "first-remembered then later-remembered" })).toEqual({
      text: "first-remembered then later-remembered",
    });
    fresh.rememberSecretValue("first-remembered");
    expect(fresh.redact({ text: "first-remembered then later-remembered" })).toEqual({
      text: "[redacted] then later-remembered",
    });
    fresh.rememberSecretValue("later-remembered");
    expect(fresh.redact({ text: "first-remembered then later-remembered" })).toEqual({
      text: "[redacted] then [redacted]",
    });
  });
});
