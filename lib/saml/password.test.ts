import { describe, expect, it } from "vitest";
import { assertKeyPassword, generatePassword, PASSWORD_ALPHABET } from "./password";

describe("generatePassword", () => {
  it("gives 32 characters from the safe alphabet by default, and at least 24 when asked", () => {
    const password = generatePassword();
    expect(password).toHaveLength(32);
    expect([...password].every((character) => PASSWORD_ALPHABET.includes(character))).toBe(true);
    expect(generatePassword(24)).toHaveLength(24);
    expect(() => generatePassword(23)).toThrow("length: must be a whole number from 24 to 1024");
  });

  it("leaves out characters that are easy to confuse or awkward in shells and option values", () => {
    for (const character of "0O1lI +/=$`'\"\\ ") expect(PASSWORD_ALPHABET).not.toContain(character);
  });

  it("does not repeat itself and uses the whole alphabet", () => {
    const passwords = Array.from({ length: 200 }, () => generatePassword());
    expect(new Set(passwords).size).toBe(200);
    const seen = new Set(passwords.join(""));
    expect(seen.size).toBe(PASSWORD_ALPHABET.length);
  });

  it("meets the rules for a key password", () => {
    expect(() => assertKeyPassword(generatePassword())).not.toThrow();
  });
});

describe("assertKeyPassword", () => {
  it.each([
    ["elevenchars", "password: must be at least 12 characters"],
    ["x".repeat(1025), "password: must be at most 1024 characters"],
    ["has a space in it", "password: must be printable ASCII characters without spaces"],
    ["tab\tseparated-value", "password: must be printable ASCII characters without spaces"],
    ["pässwörd-with-umlauts", "password: must be printable ASCII characters without spaces"],
  ])("refuses %j", (password, message) => {
    expect(() => assertKeyPassword(password)).toThrow(message);
  });
});
