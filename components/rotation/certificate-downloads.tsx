import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";

/** The certificate in use as files: PEM, and base64 of the PEM for GAX's saml/certificate option. Never the key. */
export function CertificateDownloads({ tenantId }: { tenantId: string }) {
  const href = (format: "pem" | "b64") => `/api/tenants/${tenantId}/certificate?format=${format}`;
  return (
    <>
      <Button asChild variant="outline" size="sm">
        <a href={href("pem")} download>
          <Download aria-hidden="true" />
          Download cert.pem
        </a>
      </Button>
      <Button asChild variant="outline" size="sm">
        <a href={href("b64")} download title="Base64 of cert.pem: the value of GAX's saml/certificate option">
          <Download aria-hidden="true" />
          Download cert.pem.b64
        </a>
      </Button>
    </>
  );
}
