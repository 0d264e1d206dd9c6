import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildArtifacts, transactionSamlOptions, type SamlArtifacts } from "./artifacts";
import { identityProviderCertificate } from "./certificate";
import { SamlInputError } from "./errors";
import { generateKeyMaterial, type SamlKeyMaterial } from "./generate";
import { openssl, scratchDir, type ScratchDir } from "./testing/openssl";

const PASSWORD = "Tr4ditional-and-PKCS8";

describe("SAML artefacts, checked with the openssl command-line tool", () => {
  let dir: ScratchDir;
  let material: SamlKeyMaterial;
  let traditional: SamlArtifacts;
  let pkcs8: SamlArtifacts;
  let modulus: string;

  beforeAll(async () => {
    dir = scratchDir();
    material = await generateKeyMaterial();
    traditional = buildArtifacts(material, PASSWORD);
    pkcs8 = buildArtifacts(material, PASSWORD, "pkcs8");
    for (const [name, content] of Object.entries(traditional)) dir.file(name, content);
    dir.file("pkcs8.key.pem.enc", pkcs8["key.pem.enc"]);
    modulus = openssl(["x509", "-in", dir.file("cert.pem"), "-noout", "-modulus"]);
  });
  afterAll(() => dir.remove());

  const decryptModulus = (file: string, password: string) =>
    openssl(["rsa", "-in", dir.file(file), "-passin", "env:KEY_PASSWORD", "-noout", "-modulus"], {
      env: { KEY_PASSWORD: password },
    });

  it("encrypts key.pem.enc in the traditional OpenSSL format by default, and openssl rsa decrypts it", () => {
    const lines = traditional["key.pem.enc"].split("\n");
    expect(lines[0]).toBe("-----BEGIN RSA PRIVATE KEY-----");
    expect(lines[1]).toBe("Proc-Type: 4,ENCRYPTED");
    expect(lines[2]).toMatch(/^DEK-Info: AES-256-CBC,[0-9A-F]{32}$/);
    expect(decryptModulus("key.pem.enc", PASSWORD)).toBe(modulus);
  });

  it("encrypts as PKCS#8 PBES2 with AES-256-CBC when asked, and openssl rsa decrypts it", () => {
    expect(pkcs8["key.pem.enc"]).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    const structure = openssl(["asn1parse", "-in", dir.file("pkcs8.key.pem.enc")]);
    expect(structure).toContain(":PBES2");
    expect(structure).toContain(":hmacWithSHA256");
    expect(structure).toContain(":aes-256-cbc");
    expect(decryptModulus("pkcs8.key.pem.enc", PASSWORD)).toBe(modulus);
  });

  it("cannot be decrypted with another password", () => {
    expect(() => decryptModulus("key.pem.enc", `${PASSWORD}x`)).toThrow();
    expect(() => decryptModulus("pkcs8.key.pem.enc", `${PASSWORD}x`)).toThrow();
  });

  it("writes the .b64 files byte for byte as openssl base64 does, and they decode to the PEM files", () => {
    expect(openssl(["base64", "-in", dir.file("cert.pem")])).toBe(traditional["cert.pem.b64"]);
    expect(openssl(["base64", "-in", dir.file("key.pem.enc")])).toBe(traditional["key.pem.enc.b64"]);
    expect(openssl(["base64", "-d", "-in", dir.file("cert.pem.b64")])).toBe(
      readFileSync(dir.file("cert.pem"), "latin1"),
    );
    expect(openssl(["base64", "-d", "-in", dir.file("key.pem.enc.b64")])).toBe(
      readFileSync(dir.file("key.pem.enc"), "latin1"),
    );
    expect(
      traditional["cert.pem.b64"]
        .split("\n")
        .slice(0, -2)
        .every((line) => line.length === 64),
    ).toBe(true);
  });

  it("keeps key.pem unencrypted and identical to the material", () => {
    expect(traditional["key.pem"]).toBe(material.privateKeyPem);
    expect(openssl(["rsa", "-in", dir.file("key.pem"), "-noout", "-modulus"])).toBe(modulus);
  });

  it("gives single-line base64 option values for the transaction object that decode to the files", () => {
    const options = transactionSamlOptions(traditional);
    expect(options.certificate).not.toMatch(/\s/);
    expect(options.pkey).not.toMatch(/\s/);
    expect(openssl(["base64", "-d", "-A"], { input: options.certificate })).toBe(traditional["cert.pem"]);
    expect(openssl(["base64", "-d", "-A"], { input: options.pkey })).toBe(traditional["key.pem.enc"]);
  });

  it("gives the identity provider certificate without armour or line breaks, the DER openssl reads", () => {
    const value = identityProviderCertificate(traditional["cert.pem"]);
    expect(value).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    const der = openssl(["x509", "-in", dir.file("cert.pem"), "-outform", "DER"]);
    expect(Buffer.from(value, "base64").equals(Buffer.from(der, "latin1"))).toBe(true);
    expect(identityProviderCertificate(traditional["cert.pem.b64"])).toBe(value);
    expect(identityProviderCertificate(value)).toBe(value);
  });

  it("refuses a weak password for a new key, naming the field", () => {
    expect(() => buildArtifacts(material, "short")).toThrow(
      new SamlInputError("password", "must be at least 12 characters"),
    );
    expect(() => buildArtifacts(material, "long enough but spaced")).toThrow(
      "password: must be printable ASCII characters without spaces",
    );
    expect(() => buildArtifacts(material, "ünïcödé-pässwörd")).toThrow(SamlInputError);
  });
});
