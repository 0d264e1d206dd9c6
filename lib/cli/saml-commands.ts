import { Option, type Command } from "commander";
import { assertionOptionsSchema } from "@/lib/saml/assertion";
import { DEFAULT_COMMON_NAME, DEFAULT_VALIDITY_DAYS, generateOptionsSchema } from "@/lib/saml/generate";
import type { CliIo } from "./io";
import { parseWith, toInteger } from "./option-parsers";
import { runSamlAssertion, type SamlAssertionOptions } from "./saml-assertion";
import { runSamlGenerate, type SamlGenerateOptions } from "./saml-generate";
import { runSamlInspect, type SamlInspectOptions } from "./saml-inspect";

const passwordFileOption = () =>
  new Option(
    "--password-file <file>",
    "read the key password from this file (one trailing newline is ignored)",
  ).conflicts("passwordStdin");
const passwordStdinOption = () => new Option("--password-stdin", "read the key password from standard input");

export function registerSamlCommands(program: Command, io: CliIo): void {
  const saml = program
    .command("saml")
    .description("the SAML signing certificate and key of a hybrid integration, and signed assertions");

  saml
    .command("generate")
    .description(
      "generate a key and self-signed certificate; write cert.pem, key.pem, cert.pem.b64, key.pem.enc and key.pem.enc.b64",
    )
    .requiredOption("--out <dir>", "directory to write the files to (created when missing)")
    .addOption(passwordFileOption())
    .addOption(passwordStdinOption())
    .option(
      "--bits <n>",
      "RSA key size: 2048, 3072 or 4096",
      parseWith(generateOptionsSchema.shape.bits, toInteger),
      2048,
    )
    .option(
      "--days <n>",
      "certificate validity in days",
      parseWith(generateOptionsSchema.shape.days, toInteger),
      DEFAULT_VALIDITY_DAYS,
    )
    .option("--cn <name>", "certificate common name", DEFAULT_COMMON_NAME)
    .option("--org <name>", "certificate organization (O)")
    .option("--org-unit <name>", "certificate organizational unit (OU)")
    .option("--country <code>", "certificate two-letter country code (C)")
    .option("--pkcs8", "encrypt key.pem.enc as PKCS#8 (PBES2, AES-256-CBC) instead of the traditional OpenSSL format")
    .option("--force", "overwrite files that already exist")
    .addHelpText(
      "after",
      `\nWithout --password-file or --password-stdin a strong password is generated and written to <dir>/password.txt (mode 0600).\nKey files are written with mode 0600. The password is never printed.`,
    )
    .action((options: SamlGenerateOptions) => runSamlGenerate(options, io));

  saml
    .command("inspect")
    .description("print a certificate's subject, serial, validity, fingerprints and key size")
    .argument("<file>", "cert.pem, cert.pem.b64, or a file holding the bare base64 certificate")
    .option("--json", "print JSON instead of text")
    .action((file: string, options: SamlInspectOptions) => runSamlInspect(file, options, io));

  saml
    .command("assertion")
    .description("print a signed SAML 2.0 assertion for the SAML2 bearer grant (base64 on one line by default)")
    .requiredOption("--cert <file>", "certificate (cert.pem or cert.pem.b64)")
    .requiredOption("--key <file>", "private key (key.pem, key.pem.enc or key.pem.enc.b64)")
    .addOption(passwordFileOption())
    .addOption(passwordStdinOption())
    .requiredOption("--issuer <uri>", "Issuer: the saml/issuer option, equal to the identity provider's issuerURI")
    .requiredOption("--subject <email>", "NameID: the agent's email, or a username with --org-sname")
    .option("--org-sname <name>", "organization_sname, to derive username@<sname>.<suffix> from a non-email username")
    .option("--domain-suffix <suffix>", "organization_domain_suffix (default com)")
    .option("--audience <uri>", "add an AudienceRestriction (e.g. the token endpoint URL)")
    .option("--recipient <uri>", "SubjectConfirmationData Recipient (e.g. the token endpoint URL)")
    .option(
      "--lifetime <seconds>",
      "validity of the assertion in seconds (default 300)",
      parseWith(assertionOptionsSchema.shape.lifetimeSeconds, toInteger),
    )
    .option("--xml", "print the XML instead of base64")
    .action((options: SamlAssertionOptions) => runSamlAssertion(options, io));
}
