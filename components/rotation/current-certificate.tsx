import { formatDate } from "@/components/tenants/status-display";
import { Alert } from "@/components/ui/alert";
import { StatusChip } from "@/components/ui/status-chip";
import type { CertificateView } from "@/lib/tenants/certificate-page";

const days = (count: number) => `${count} day${count === 1 ? "" : "s"}`;

/** The certificate in use: fingerprint, expiry, days left, and a warning when it is time to rotate. */
export function CurrentCertificate({
  certificate,
  warningDays,
}: {
  certificate: CertificateView;
  warningDays: number;
}) {
  const expiry = certificate.expired
    ? { tone: "danger" as const, label: `Expired ${days(-certificate.daysLeft)} ago` }
    : certificate.expiringSoon
      ? { tone: "warning" as const, label: `Expires soon: ${days(certificate.daysLeft)} left` }
      : { tone: "success" as const, label: `${days(certificate.daysLeft)} left` };
  return (
    <div className="grid gap-3">
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-muted-foreground">SHA-256 fingerprint</dt>
        <dd className="break-all font-mono text-xs" data-testid="current-fingerprint">
          {certificate.sha256Fingerprint}
        </dd>
        <dt className="text-muted-foreground">Subject</dt>
        <dd>{certificate.subject}</dd>
        <dt className="text-muted-foreground">Valid until</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <span>{formatDate(certificate.notAfter)}</span>
          <StatusChip tone={expiry.tone} label={expiry.label} data-testid="certificate-expiry" />
        </dd>
      </dl>
      {certificate.expired || certificate.expiringSoon ? (
        <Alert
          variant={certificate.expired ? "error" : "warning"}
          title={certificate.expired ? "The certificate has expired" : `Less than ${warningDays} days left`}
        >
          Agents cannot sign in through the hybrid integration once it expires. Rotate the certificate: the identity
          provider trusts both keys until the new one is tested, so desktops keep working throughout.
        </Alert>
      ) : null}
    </div>
  );
}
