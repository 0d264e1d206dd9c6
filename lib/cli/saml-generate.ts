import { resolve } from "node:path";
import { ARTIFACT_FILE_NAMES, buildArtifacts, SECRET_ARTIFACT_FILE_NAMES } from "@/lib/saml/artifacts";
import { certificateDetails } from "@/lib/saml/details";
import { generateKeyMaterial, type GenerateOptions, type KeySize } from "@/lib/saml/generate";
import { generatePassword } from "@/lib/saml/password";
import type { KeyEncryptionFormat } from "@/lib/saml/private-key";
import { certificateSummary } from "./certificate-summary";
import type { CliIo } from "./io";
import { readPasswordOption, type PasswordOptions } from "./password-input";
import { writeOutputFiles, type OutputFile } from "./write-files";

const PASSWORD_FILE_NAME = "password.txt";

export interface SamlGenerateOptions extends PasswordOptions {
  out: string;
  bits: KeySize;
  days: number;
  cn: string;
  org?: string;
  orgUnit?: string;
  country?: string;
  pkcs8?: boolean;
  force?: boolean;
}

const FILE_DESCRIPTIONS: Record<string, string> = {
  "cert.pem": "certificate (PEM)",
  "key.pem": "private key, unencrypted (PEM)",
  "cert.pem.b64": "base64 of cert.pem: the saml/certificate option",
  "key.pem.enc": "private key encrypted with AES-256",
  "key.pem.enc.b64": "base64 of key.pem.enc: the saml/pkey option",
  [PASSWORD_FILE_NAME]: "generated key password: the saml/password option",
};

export async function runSamlGenerate(options: SamlGenerateOptions, io: CliIo): Promise<void> {
  const suppliedPassword = await readPasswordOption(options, io);
  const password = suppliedPassword ?? generatePassword();
  const format: KeyEncryptionFormat = options.pkcs8 ? "pkcs8" : "traditional";
  const subject: GenerateOptions["subject"] = {
    commonName: options.cn,
    organization: options.org,
    organizationalUnit: options.orgUnit,
    country: options.country,
  };
  const material = await generateKeyMaterial({ bits: options.bits, days: options.days, subject });
  const artifacts = buildArtifacts(material, password, format);

  const files: OutputFile[] = ARTIFACT_FILE_NAMES.map((name) => ({
    name,
    content: artifacts[name],
    secret: SECRET_ARTIFACT_FILE_NAMES.has(name),
  }));
  if (suppliedPassword === undefined) files.push({ name: PASSWORD_FILE_NAME, content: `${password}\n`, secret: true });
  const directory = resolve(options.out);
  await writeOutputFiles(directory, files, options.force ?? false);

  const width = Math.max(...files.map((file) => file.name.length)) + 2;
  const encryption = format === "pkcs8" ? "PKCS#8 PBES2, AES-256-CBC" : "traditional OpenSSL PEM, AES-256-CBC";
  io.out(`Wrote SAML key material to ${directory}:\n`);
  for (const file of files) {
    const description = FILE_DESCRIPTIONS[file.name] ?? "";
    const detail = file.name === "key.pem.enc" ? `${description} (${encryption})` : description;
    io.out(`  ${file.name.padEnd(width)}${file.secret ? "0600" : "0644"}  ${detail}\n`);
  }
  io.out("\n");
  io.out(certificateSummary(certificateDetails(material.certificatePem)));
}
