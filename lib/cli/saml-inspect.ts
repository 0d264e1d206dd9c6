import { certificateDetails } from "@/lib/saml/details";
import { certificateDetailsJson, certificateSummary } from "./certificate-summary";
import type { CliIo } from "./io";
import { readTextFile } from "./read-text-file";

export interface SamlInspectOptions {
  json?: boolean;
}

/** Prints the details of a certificate file: cert.pem, cert.pem.b64, or the bare base64 body. */
export async function runSamlInspect(file: string, options: SamlInspectOptions, io: CliIo): Promise<void> {
  const details = certificateDetails(await readTextFile(file, "FILE"));
  io.out(options.json ? certificateDetailsJson(details) : certificateSummary(details));
}
