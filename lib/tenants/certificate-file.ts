import type { DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { keyMaterialOutputsSchema, SAML_KEY_MATERIAL } from "@/lib/provisioning";
import { base64Lines } from "@/lib/saml/pem";

/** `pem`: cert.pem; `b64`: cert.pem.b64, base64 of the PEM as `openssl base64` writes it (GAX's saml/certificate). */
export const CERTIFICATE_FILE_FORMATS = ["pem", "b64"] as const;
export type CertificateFileFormat = (typeof CERTIFICATE_FILE_FORMATS)[number];

export type CertificateFile = { fileName: string; contentType: string; body: string };

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "") || "tenant";

/**
 * The tenant's SAML certificate in use, as a file to download. Only the certificate: it is public (the identity
 * provider and GAX hold it); the private key never leaves the server this way.
 */
export async function certificateFile(
  db: DbTx,
  { tenantId, format }: { tenantId: string; format: CertificateFileFormat },
): Promise<CertificateFile> {
  const tenant = await db.tenant.findUnique({
    where: { id: tenantId },
    select: {
      cfgTenantName: true,
      stepStates: { where: { stepKey: SAML_KEY_MATERIAL, status: "done" }, select: { outputs: true } },
    },
  });
  if (!tenant) throw new AppError("not_found", "This tenant no longer exists.");
  const material = keyMaterialOutputsSchema.safeParse(tenant.stepStates[0]?.outputs).data;
  if (!material)
    throw new AppError(
      "precondition_failed",
      `${tenant.cfgTenantName} has no SAML certificate yet: apply the SAML key material step first.`,
    );
  const baseName = `${slug(tenant.cfgTenantName)}-cert.pem`;
  return format === "pem"
    ? { fileName: baseName, contentType: "application/x-pem-file", body: material.certificatePem }
    : {
        fileName: `${baseName}.b64`,
        contentType: "text/plain; charset=utf-8",
        body: base64Lines(material.certificatePem),
      };
}
