import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyPairSync } from "node:crypto";
import { certifyPrivateKey, generateKeyMaterial, generatePrivateKeyPem, type SamlKeyMaterial } from "./generate";
import { SamlInputError } from "./errors";
import { openssl, scratchDir, type ScratchDir } from "./testing/openssl";

function validity(certificateFile: string): { start: number; end: number } {
  const dates = openssl(["x509", "-in", certificateFile, "-noout", "-startdate", "-enddate"]);
  return {
    start: Date.parse(/notBefore=(.*)/.exec(dates)?.[1] ?? ""),
    end: Date.parse(/notAfter=(.*)/.exec(dates)?.[1] ?? ""),
  };
}

describe("generateKeyMaterial, checked with the openssl command-line tool", () => {
  let dir: ScratchDir;
  let material: SamlKeyMaterial;
  const now = new Date();

  beforeAll(async () => {
    dir = scratchDir();
    material = await generateKeyMaterial({
      now,
      subject: {
        commonName: "Hybrid SAML",
        organization: "Acme Corp",
        organizationalUnit: "Contact Centre",
        country: "GB",
      },
    });
    dir.file("cert.pem", material.certificatePem);
    dir.file("key.pem", material.privateKeyPem);
  });
  afterAll(() => dir.remove());

  it("is valid for 3652 days from now by default, like the procedure's openssl req -days 3652", () => {
    const { start, end } = validity(dir.file("cert.pem"));
    expect(Math.abs(start - now.getTime())).toBeLessThan(1000);
    expect(end - start).toBe(3652 * 86_400_000);
  });

  it("writes a key whose modulus matches the certificate's", () => {
    const fromCertificate = openssl(["x509", "-in", dir.file("cert.pem"), "-noout", "-modulus"]);
    const fromKey = openssl(["rsa", "-in", dir.file("key.pem"), "-noout", "-modulus"]);
    expect(fromKey).toBe(fromCertificate);
    expect(openssl(["rsa", "-in", dir.file("key.pem"), "-noout", "-check"])).toContain("RSA key ok");
    expect(material.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it("is a self-signed X.509 v3 certificate with SHA-256, a positive serial and the given subject", () => {
    const text = openssl(["x509", "-in", dir.file("cert.pem"), "-noout", "-text", "-nameopt", "RFC2253"]);
    expect(text).toContain("Version: 3 (0x2)");
    expect(text).toContain("Signature Algorithm: sha256WithRSAEncryption");
    expect(text).toContain("Public-Key: (2048 bit)");
    expect(text).toContain("Subject: CN=Hybrid SAML,OU=Contact Centre,O=Acme Corp,C=GB");
    expect(text).toContain("Issuer: CN=Hybrid SAML,OU=Contact Centre,O=Acme Corp,C=GB");
    const certificate = dir.file("cert.pem");
    expect(openssl(["verify", "-check_ss_sig", "-CAfile", certificate, certificate])).toContain("OK");
    const serial = openssl(["x509", "-in", certificate, "-noout", "-serial"]).trim().replace("serial=", "");
    expect(serial).toMatch(/^[0-7][0-9A-F]{31}$/);
    expect(serial).not.toMatch(/^0+$/);
    expect(material.certificatePem).toMatch(
      /^-----BEGIN CERTIFICATE-----\n(?:[A-Za-z0-9+/=]{64}\n)*[A-Za-z0-9+/=]{1,64}\n-----END CERTIFICATE-----\n$/,
    );
  });

  it("uses a different random serial each time", async () => {
    const other = await generateKeyMaterial();
    dir.file("other.pem", other.certificatePem);
    const serialOf = (file: string) => openssl(["x509", "-in", dir.file(file), "-noout", "-serial"]);
    expect(serialOf("other.pem")).not.toBe(serialOf("cert.pem"));
    expect(openssl(["x509", "-in", dir.file("other.pem"), "-noout", "-subject"])).toContain(
      "Genesys Multicloud CX SAML",
    );
  });

  it("honours the key size and the number of days", async () => {
    const large = await generateKeyMaterial({ bits: 3072, days: 30 });
    dir.file("large.pem", large.certificatePem);
    expect(openssl(["x509", "-in", dir.file("large.pem"), "-noout", "-text"])).toContain("Public-Key: (3072 bit)");
    const { start, end } = validity(dir.file("large.pem"));
    expect(end - start).toBe(30 * 86_400_000);
  });
});

describe("generateKeyMaterial refuses bad options, naming the field", () => {
  it.each([
    [{ bits: 1024 }, "bits: key size must be 2048, 3072 or 4096 bits"],
    [{ days: 0 }, "days: validity must be at least 1 day"],
    [{ days: 1.5 }, "days: validity must be a whole number of days"],
    [{ days: 40_000 }, "days: validity must be at most 36500 days"],
    [{ subject: { commonName: "" } }, "subject.commonName: common name must not be empty"],
    [{ subject: { commonName: "x".repeat(65) } }, "subject.commonName: common name must be at most 64 characters"],
    [{ subject: { country: "gbr" } }, "subject.country: country must be a two-letter upper-case ISO 3166 code"],
  ])("%j", async (options, message) => {
    const failure = generateKeyMaterial(options as never);
    await expect(failure).rejects.toBeInstanceOf(SamlInputError);
    await expect(failure).rejects.toThrow(message);
  });
});

describe("certifyPrivateKey: a certificate for a key generated ahead", () => {
  it("certifies the prepared key itself, self-signed, for 3652 days", async () => {
    const dir = scratchDir();
    try {
      const privateKeyPem = await generatePrivateKeyPem();
      const material = certifyPrivateKey(privateKeyPem, { subject: { commonName: "Prepared" } });
      expect(material.privateKeyPem).toBe(privateKeyPem);
      const certificate = dir.file("cert.pem", material.certificatePem);
      const key = dir.file("key.pem", privateKeyPem);
      expect(openssl(["rsa", "-in", key, "-noout", "-modulus"])).toBe(
        openssl(["x509", "-in", certificate, "-noout", "-modulus"]),
      );
      expect(openssl(["verify", "-check_ss_sig", "-CAfile", certificate, certificate])).toContain("OK");
      const { start, end } = validity(certificate);
      expect(end - start).toBe(3652 * 86_400_000);
    } finally {
      dir.remove();
    }
  });

  it("refuses a key that is not RSA, naming the field", () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    expect(() => certifyPrivateKey(privateKey.export({ type: "pkcs8", format: "pem" }).toString())).toThrow(
      "privateKey: must be an RSA key",
    );
  });
});
