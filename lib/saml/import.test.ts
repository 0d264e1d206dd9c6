import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { base64Lines } from "./pem";
import { buildArtifacts } from "./artifacts";
import { SamlInputError } from "./errors";
import { generateKeyMaterial, type SamlKeyMaterial } from "./generate";
import { importKeyMaterial } from "./import";
import { openssl, scratchDir, type ScratchDir } from "./testing/openssl";

const PASSWORD = "import-me-please-42";

describe("importKeyMaterial accepts what OpenSSL and this module write", () => {
  let dir: ScratchDir;
  let certificate: string;
  let plainKey: string;
  let modulus: string;

  beforeAll(() => {
    dir = scratchDir();
    openssl([
      "req",
      "-new",
      "-x509",
      "-days",
      "3652",
      "-nodes",
      "-subj",
      "/CN=Imported",
      "-newkey",
      "rsa:2048",
      "-out",
      dir.file("cert.pem"),
      "-keyout",
      dir.file("key.pem"),
    ]);
    const env = { env: { KEY_PASSWORD: PASSWORD } };
    openssl(
      [
        "rsa",
        "-in",
        dir.file("key.pem"),
        "-aes256",
        "-traditional",
        "-passout",
        "env:KEY_PASSWORD",
        "-out",
        dir.file("trad.pem"),
      ],
      env,
    );
    openssl(
      [
        "pkcs8",
        "-topk8",
        "-v2",
        "aes-256-cbc",
        "-in",
        dir.file("key.pem"),
        "-passout",
        "env:KEY_PASSWORD",
        "-out",
        dir.file("p8.pem"),
      ],
      env,
    );
    certificate = readFileSync(dir.file("cert.pem"), "utf8");
    plainKey = readFileSync(dir.file("key.pem"), "utf8");
    modulus = openssl(["x509", "-in", dir.file("cert.pem"), "-noout", "-modulus"]);
  });
  afterAll(() => dir.remove());

  const importedModulus = (material: SamlKeyMaterial) =>
    openssl(["rsa", "-noout", "-modulus"], { input: material.privateKeyPem });

  it("imports a plain PEM key and certificate from openssl req", () => {
    const material = importKeyMaterial({ certificate, key: plainKey });
    expect(material.certificatePem).toBe(certificate);
    expect(importedModulus(material)).toBe(modulus);
  });

  it.each(["trad.pem", "p8.pem"])("imports a key encrypted by openssl (%s) with its password", (file) => {
    const material = importKeyMaterial({ certificate, key: readFileSync(dir.file(file), "utf8"), password: PASSWORD });
    expect(importedModulus(material)).toBe(modulus);
    expect(material.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it("imports the base64 forms (cert.pem.b64, key.pem.enc.b64) as the transaction object holds them", () => {
    const material = importKeyMaterial({
      certificate: base64Lines(certificate),
      key: Buffer.from(readFileSync(dir.file("trad.pem"))).toString("base64"),
      password: PASSWORD,
    });
    expect(material.certificatePem).toBe(certificate);
    expect(importedModulus(material)).toBe(modulus);
  });

  it("refuses a key that does not match the certificate", async () => {
    const other = await generateKeyMaterial();
    expect(() => importKeyMaterial({ certificate, key: other.privateKeyPem })).toThrow(
      new SamlInputError("key", "does not match the certificate (their public keys differ)"),
    );
  });

  it("refuses a key under 2048 bits", () => {
    openssl([
      "req",
      "-new",
      "-x509",
      "-days",
      "30",
      "-nodes",
      "-subj",
      "/CN=Weak",
      "-newkey",
      "rsa:1024",
      "-out",
      dir.file("weak-cert.pem"),
      "-keyout",
      dir.file("weak-key.pem"),
    ]);
    expect(() =>
      importKeyMaterial({
        certificate: readFileSync(dir.file("weak-cert.pem"), "utf8"),
        key: readFileSync(dir.file("weak-key.pem"), "utf8"),
      }),
    ).toThrow("key: is a 1024-bit RSA key; at least 2048 bits are required");
  });

  it("refuses a key that is not RSA", () => {
    const ecKey = openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]);
    expect(() => importKeyMaterial({ certificate, key: ecKey })).toThrow("key: is a ec key; an RSA key is required");
  });

  it("refuses a wrong password and a missing one, naming the password", () => {
    for (const file of ["trad.pem", "p8.pem"]) {
      const key = readFileSync(dir.file(file), "utf8");
      expect(() => importKeyMaterial({ certificate, key, password: "not-the-password" })).toThrow(
        "password: does not decrypt the key (wrong password or damaged key)",
      );
      expect(() => importKeyMaterial({ certificate, key })).toThrow("password: is required: the key is encrypted");
    }
  });

  it("refuses garbage in either field with a message naming it", () => {
    expect(() => importKeyMaterial({ certificate: "not a certificate!", key: plainKey })).toThrow(
      "certificate: is neither a PEM certificate nor base64 certificate text",
    );
    expect(() => importKeyMaterial({ certificate: "aGVsbG8gd29ybGQ=", key: plainKey })).toThrow(
      "certificate: is not a readable X.509 certificate",
    );
    expect(() => importKeyMaterial({ certificate: plainKey, key: plainKey })).toThrow(
      'certificate: holds a PEM "PRIVATE KEY" block; a "CERTIFICATE" block is required',
    );
    const truncated = certificate.replace(/\n[A-Za-z0-9+/]{64}\n/, "\n");
    expect(() => importKeyMaterial({ certificate: truncated, key: plainKey })).toThrow(
      "certificate: is not a readable X.509 certificate",
    );
    expect(() => importKeyMaterial({ certificate, key: "not a key" })).toThrow(
      "key: is neither a PEM private key nor base64 of one",
    );
    expect(() => importKeyMaterial({ certificate, key: certificate })).toThrow(
      'key: holds a PEM "CERTIFICATE" block; a private key is required',
    );
    expect(() =>
      importKeyMaterial({ certificate, key: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" }),
    ).toThrow("key: is not a readable private key");
  });

  it("refuses a certificate whose key is not RSA", () => {
    openssl([
      "req",
      "-new",
      "-x509",
      "-days",
      "30",
      "-nodes",
      "-subj",
      "/CN=Elliptic",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-out",
      dir.file("ec-cert.pem"),
      "-keyout",
      dir.file("ec-key.pem"),
    ]);
    expect(() =>
      importKeyMaterial({ certificate: readFileSync(dir.file("ec-cert.pem"), "utf8"), key: plainKey }),
    ).toThrow("certificate: the certificate's public key is not RSA; an RSA certificate is required");
  });
});

describe("importKeyMaterial checks the certificate's validity period", () => {
  it("refuses an expired certificate, saying when it expired", async () => {
    const old = await generateKeyMaterial({ days: 30, now: new Date("2020-01-01T00:00:00Z") });
    expect(() => importKeyMaterial({ certificate: old.certificatePem, key: old.privateKeyPem })).toThrow(
      "certificate: expired on 2020-01-31T00:00:00.000Z; a current certificate is required",
    );
  });

  it("refuses a certificate that is not valid yet", async () => {
    const future = await generateKeyMaterial({ now: new Date(Date.now() + 86_400_000) });
    expect(() => importKeyMaterial({ certificate: future.certificatePem, key: future.privateKeyPem })).toThrow(
      /^certificate: is not valid until /,
    );
  });

  it("accepts material generated and encrypted by this module", async () => {
    const fresh = await generateKeyMaterial();
    const artifacts = buildArtifacts(fresh, PASSWORD, "pkcs8");
    const material = importKeyMaterial({
      certificate: artifacts["cert.pem.b64"],
      key: artifacts["key.pem.enc.b64"],
      password: PASSWORD,
    });
    expect(material).toEqual(fresh);
  });
});
