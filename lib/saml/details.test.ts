import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { certificateDetails } from "./details";
import { SamlInputError } from "./errors";
import { generateKeyMaterial } from "./generate";
import { openssl, scratchDir, type ScratchDir } from "./testing/openssl";

describe("certificateDetails agrees with openssl x509", () => {
  let dir: ScratchDir;
  let certificateFile: string;
  let certificatePem: string;

  beforeAll(async () => {
    dir = scratchDir();
    certificatePem = (
      await generateKeyMaterial({
        bits: 3072,
        days: 400,
        subject: { commonName: "Details", organization: "Acme", country: "FR" },
      })
    ).certificatePem;
    certificateFile = dir.file("cert.pem", certificatePem);
  });
  afterAll(() => dir.remove());

  const x509 = (...args: string[]) => openssl(["x509", "-in", certificateFile, "-noout", ...args]).trim();

  it("reports fingerprints, serial, dates, subject and key size as openssl does", () => {
    const details = certificateDetails(certificatePem);
    const fingerprintOf = (digest: string) => x509("-fingerprint", digest).split("=")[1];
    expect(details.sha1Fingerprint).toBe(fingerprintOf("-sha1"));
    expect(details.sha256Fingerprint).toBe(fingerprintOf("-sha256"));
    expect(`serial=${details.serialNumber}`).toBe(x509("-serial"));
    expect(details.notBefore.getTime()).toBe(Date.parse(x509("-startdate").replace("notBefore=", "")));
    expect(details.notAfter.getTime()).toBe(Date.parse(x509("-enddate").replace("notAfter=", "")));
    expect(details.subject).toBe("C=FR, O=Acme, CN=Details");
    expect(details.issuer).toBe(details.subject);
    expect(details.keyBits).toBe(3072);
  });

  it("counts whole days to expiry from the given moment", () => {
    const { notAfter } = certificateDetails(certificatePem);
    const at = (msBefore: number) => certificateDetails(certificatePem, new Date(notAfter.getTime() - msBefore));
    expect(certificateDetails(certificatePem).daysToExpiry).toBe(399);
    expect(at(10 * 86_400_000 + 1).daysToExpiry).toBe(10);
    expect(at(1).expired).toBe(false);
    expect(at(0).expired).toBe(true);
    expect(at(-86_400_000).daysToExpiry).toBe(-1);
  });

  it("reads the base64 forms too", () => {
    const fromPem = certificateDetails(certificatePem);
    expect(certificateDetails(Buffer.from(certificatePem).toString("base64"))).toEqual(fromPem);
    const body = certificatePem.replace(/-----[A-Z ]+-----|\n/g, "");
    expect(certificateDetails(body)).toEqual(fromPem);
  });

  it("refuses garbage, naming the certificate", () => {
    expect(() => certificateDetails("nonsense!")).toThrow(SamlInputError);
    expect(() => certificateDetails("nonsense!")).toThrow(/^certificate: /);
  });
});
