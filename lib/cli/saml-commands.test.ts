import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openssl, scratchDir, type ScratchDir } from "@/lib/saml/testing/openssl";
import { runCliProcess, type CliRun } from "./testing/run-cli";

// Each case starts the real CLI (tsx start-up takes a second or two on a busy machine).
const PROCESS_TESTS = { timeout: 90_000 };

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
const fingerprintOf = (certificate: string, digest: string) =>
  openssl(["x509", "-in", certificate, "-noout", "-fingerprint", digest]).trim().split("=")[1];

function expectOneLineFailure(run: CliRun, message: string) {
  expect(run.code).toBe(1);
  expect(run.stderr).toBe(`error: ${message}\n`);
  expect(run.stdout).toBe("");
}

describe("cli saml generate", PROCESS_TESTS, () => {
  let dir: ScratchDir;
  let generated: CliRun;
  let out: string;

  beforeAll(async () => {
    dir = scratchDir();
    out = join(dir.path, "material");
    generated = await runCliProcess(["saml", "generate", "--out", out, "--cn", "Acme SAML", "--org", "Acme"]);
  });
  afterAll(() => dir.remove());

  it("writes the five files, key files 0600, and a generated password to password.txt (0600)", () => {
    expect(generated.stderr).toBe("");
    expect(generated.code).toBe(0);
    for (const name of ["cert.pem", "cert.pem.b64"]) expect(mode(join(out, name))).toBe("644");
    for (const name of ["key.pem", "key.pem.enc", "key.pem.enc.b64", "password.txt"])
      expect(mode(join(out, name))).toBe("600");
    const password = readFileSync(join(out, "password.txt"), "utf8").trim();
    expect(password.length).toBeGreaterThanOrEqual(24);
    const decrypted = openssl([
      "rsa",
      "-in",
      join(out, "key.pem.enc"),
      "-passin",
      `file:${join(out, "password.txt")}`,
      "-noout",
      "-modulus",
    ]);
    expect(decrypted).toBe(openssl(["x509", "-in", join(out, "cert.pem"), "-noout", "-modulus"]));
    expect(readFileSync(join(out, "key.pem.enc"), "utf8")).toContain("Proc-Type: 4,ENCRYPTED");
  });

  it("prints the fingerprints and the expiry, and never the password", () => {
    const certificate = join(out, "cert.pem");
    expect(generated.stdout).toContain(`SHA-1 fingerprint:   ${fingerprintOf(certificate, "-sha1")}`);
    expect(generated.stdout).toContain(`SHA-256 fingerprint: ${fingerprintOf(certificate, "-sha256")}`);
    const notAfter = new Date(
      openssl(["x509", "-in", certificate, "-noout", "-enddate"]).trim().replace("notAfter=", ""),
    );
    // Whole days left: 3651 unless the run fell within the very millisecond the validity started.
    expect(generated.stdout).toMatch(
      new RegExp(`Not after: {11}${notAfter.toISOString().replace(/\./g, "\\.")} \\(in 365[12] days\\)`),
    );
    expect(generated.stdout).toContain("Subject:             O=Acme, CN=Acme SAML");
    const password = readFileSync(join(out, "password.txt"), "utf8").trim();
    expect(generated.stdout + generated.stderr).not.toContain(password);
  });

  it("takes the password from stdin, encrypts as PKCS#8 when asked, and writes no password.txt", async () => {
    const target = join(dir.path, "stdin");
    const password = "from-standard-input-123";
    const run = await runCliProcess(
      ["saml", "generate", "--out", target, "--password-stdin", "--pkcs8", "--bits", "3072", "--days", "30"],
      { input: `${password}\n` },
    );
    expect(run.code).toBe(0);
    expect(existsSync(join(target, "password.txt"))).toBe(false);
    expect(run.stdout).not.toContain(password);
    expect(readFileSync(join(target, "key.pem.enc"), "utf8")).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    const text = openssl(
      ["rsa", "-in", join(target, "key.pem.enc"), "-passin", "env:KEY_PASSWORD", "-noout", "-text"],
      {
        env: { KEY_PASSWORD: password },
      },
    );
    expect(text).toContain("Private-Key: (3072 bit");
    expect(run.stdout).toMatch(/\(in (29|30) days\)/);
  });

  it("takes the password from a file, and refuses a weak one without writing anything", async () => {
    const good = dir.file("good-password", "a-password-from-a-file\n");
    const target = join(dir.path, "from-file");
    expect((await runCliProcess(["saml", "generate", "--out", target, "--password-file", good])).code).toBe(0);
    openssl(["rsa", "-in", join(target, "key.pem.enc"), "-passin", "pass:a-password-from-a-file", "-noout", "-check"]);

    const weak = dir.file("weak-password", "short\n");
    const refused = join(dir.path, "refused");
    expectOneLineFailure(
      await runCliProcess(["saml", "generate", "--out", refused, "--password-file", weak]),
      "password: must be at least 12 characters",
    );
    expect(existsSync(join(refused, "cert.pem"))).toBe(false);
    expectOneLineFailure(
      await runCliProcess(["saml", "generate", "--out", refused, "--password-file", join(dir.path, "missing")]),
      `--password-file: cannot read ${join(dir.path, "missing")} (no such file)`,
    );
  });

  it("refuses to overwrite existing files unless forced", async () => {
    const before = readFileSync(join(out, "cert.pem"), "utf8");
    expectOneLineFailure(
      await runCliProcess(["saml", "generate", "--out", out]),
      `--out: ${out} already holds cert.pem, key.pem, cert.pem.b64, key.pem.enc, key.pem.enc.b64, password.txt; use --force to overwrite`,
    );
    expect(readFileSync(join(out, "cert.pem"), "utf8")).toBe(before);
    const forced = await runCliProcess(["saml", "generate", "--out", out, "--force"]);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(out, "cert.pem"), "utf8")).not.toBe(before);
    expect(mode(join(out, "key.pem"))).toBe("600");
  });
});

describe.concurrent("cli usage errors exit with 2 and show help", PROCESS_TESTS, () => {
  it.each([
    [["saml", "generate"], "error: required option '--out <dir>' not specified"],
    [["saml", "generate", "--out", "x", "--bits", "1000"], "key size must be 2048, 3072 or 4096 bits"],
    [["saml", "generate", "--out", "x", "--days", "soon"], "validity must be a whole number of days"],
    [["saml", "generate", "--out", "x", "--password-file", "f", "--password-stdin"], "cannot be used with option"],
    [["saml", "frobnicate"], "error: unknown command 'frobnicate'"],
    [["saml", "inspect"], "error: missing required argument 'file'"],
    [["saml", "assertion", "--cert", "c", "--key", "k", "--subject", "a@b.com"], "required option '--issuer <uri>'"],
  ])("%j", async (args, message) => {
    const run = await runCliProcess(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain("Usage: cli saml");
    expect(run.stdout).toBe("");
  });

  it("prints help on request with exit code 0", async () => {
    const run = await runCliProcess(["saml", "generate", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: cli saml generate [options]");
    expect(run.stdout).toContain("--password-stdin");
  });
});

describe("cli saml inspect and cli saml assertion", PROCESS_TESTS, () => {
  let dir: ScratchDir;
  let out: string;

  beforeAll(async () => {
    dir = scratchDir();
    out = join(dir.path, "material");
    const run = await runCliProcess(["saml", "generate", "--out", out, "--cn", "Inspect me"]);
    if (run.code !== 0) throw new Error(run.stderr);
  });
  afterAll(() => dir.remove());

  it("inspects cert.pem and cert.pem.b64 alike, as text or JSON", async () => {
    const certificate = join(out, "cert.pem");
    const fromPem = await runCliProcess(["saml", "inspect", certificate]);
    expect(fromPem.code).toBe(0);
    expect(fromPem.stdout).toContain(`SHA-256 fingerprint: ${fingerprintOf(certificate, "-sha256")}`);
    expect(fromPem.stdout).toContain("Subject:             CN=Inspect me");
    expect(fromPem.stdout).toContain("Key size:            RSA 2048 bits");
    const fromBase64 = await runCliProcess(["saml", "inspect", join(out, "cert.pem.b64")]);
    expect(fromBase64.stdout).toBe(fromPem.stdout);
    const json = JSON.parse((await runCliProcess(["saml", "inspect", "--json", certificate])).stdout) as Record<
      string,
      unknown
    >;
    expect(json.sha1Fingerprint).toBe(fingerprintOf(certificate, "-sha1"));
    expect(json.keyBits).toBe(2048);
  });

  it("fails with one line for a file that is not a certificate", async () => {
    expectOneLineFailure(
      await runCliProcess(["saml", "inspect", join(out, "key.pem")]),
      'certificate: holds a PEM "PRIVATE KEY" block; a "CERTIFICATE" block is required',
    );
    expectOneLineFailure(
      await runCliProcess(["saml", "inspect", join(out, "nothing-here")]),
      `FILE: cannot read ${join(out, "nothing-here")} (no such file)`,
    );
  });

  it("prints a signed assertion as one base64 line, or as XML, that verifies against the certificate", async () => {
    const common = [
      "--cert",
      join(out, "cert.pem.b64"),
      "--key",
      join(out, "key.pem.enc.b64"),
      "--password-file",
      join(out, "password.txt"),
    ];
    const issuer = "https://www.genesys.com/pureengage";
    const base64 = await runCliProcess([
      "saml",
      "assertion",
      ...common,
      "--issuer",
      issuer,
      "--subject",
      "agent@acme.com",
    ]);
    expect(base64.code).toBe(0);
    expect(base64.stdout).toMatch(/^[A-Za-z0-9+/]+={0,2}\n$/);
    const xml = Buffer.from(base64.stdout.trim(), "base64").toString("utf8");
    expect(xml).toContain(`<saml:Issuer>${issuer}</saml:Issuer>`);
    expect(xml).toContain(">agent@acme.com</saml:NameID>");

    const signature = new DOMParser()
      .parseFromString(xml, "text/xml")
      .getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature")[0];
    const verifier = new SignedXml({
      publicCert: readFileSync(join(out, "cert.pem"), "utf8"),
      getCertFromKeyInfo: () => null,
    });
    verifier.loadSignature(String(signature));
    expect(verifier.checkSignature(xml)).toBe(true);

    const asXml = await runCliProcess([
      "saml",
      "assertion",
      ...common,
      "--issuer",
      issuer,
      "--subject",
      "jsmith",
      "--org-sname",
      "acme-eu",
      "--xml",
    ]);
    expect(asXml.code).toBe(0);
    expect(asXml.stdout).toMatch(/^<saml:Assertion /);
    expect(asXml.stdout).toContain(">jsmith@acme-eu.com</saml:NameID>");
  });

  it("fails with one line for a wrong password, a missing one, or a subject that is not an email", async () => {
    const wrong = dir.file("wrong-password", "not-the-right-password\n");
    const base = [
      "saml",
      "assertion",
      "--cert",
      join(out, "cert.pem"),
      "--issuer",
      "https://idp.example.com",
      "--subject",
    ];
    expectOneLineFailure(
      await runCliProcess([...base, "agent@acme.com", "--key", join(out, "key.pem.enc"), "--password-file", wrong]),
      "password: does not decrypt the key (wrong password or damaged key)",
    );
    expectOneLineFailure(
      await runCliProcess([...base, "agent@acme.com", "--key", join(out, "key.pem.enc")]),
      "password: is required: the key is encrypted",
    );
    expectOneLineFailure(
      await runCliProcess([...base, "agent007", "--key", join(out, "key.pem")]),
      'subject: "agent007" is not an email address and no organization short name was given',
    );
  });

  it("refuses a key that does not belong to the certificate", async () => {
    const otherKey = dir.file(
      "other-key.pem",
      openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]),
    );
    expectOneLineFailure(
      await runCliProcess([
        "saml",
        "assertion",
        "--cert",
        join(out, "cert.pem"),
        "--key",
        otherKey,
        "--issuer",
        "https://idp.example.com",
        "--subject",
        "agent@acme.com",
      ]),
      "key: does not match the certificate (their public keys differ)",
    );
  });
});
