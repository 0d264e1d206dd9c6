import { signAssertion } from "@/lib/saml/assertion";
import { importKeyMaterial } from "@/lib/saml/import";
import { samlNameId } from "@/lib/saml/name-id";
import type { CliIo } from "./io";
import { readPasswordOption, type PasswordOptions } from "./password-input";
import { readTextFile } from "./read-text-file";

export interface SamlAssertionOptions extends PasswordOptions {
  cert: string;
  key: string;
  issuer: string;
  subject: string;
  orgSname?: string;
  domainSuffix?: string;
  audience?: string;
  recipient?: string;
  lifetime?: number;
  xml?: boolean;
}

/** Prints a signed assertion for the SAML2 bearer grant: base64 on one line, or the XML with --xml. */
export async function runSamlAssertion(options: SamlAssertionOptions, io: CliIo): Promise<void> {
  const [certificate, key] = await Promise.all([
    readTextFile(options.cert, "--cert"),
    readTextFile(options.key, "--key"),
  ]);
  const password = await readPasswordOption(options, io);
  const material = importKeyMaterial({ certificate, key, password });
  const organization = options.orgSname
    ? { organizationSname: options.orgSname, organizationDomainSuffix: options.domainSuffix }
    : undefined;
  const signed = signAssertion(material, {
    issuer: options.issuer,
    subject: samlNameId(options.subject, organization),
    audience: options.audience,
    recipient: options.recipient,
    lifetimeSeconds: options.lifetime,
  });
  io.out(`${options.xml ? signed.xml : signed.base64}\n`);
}
