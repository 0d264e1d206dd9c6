/** Under this many days left the overview warns, and the "expiring" filter and counter include the tenant. */
export const CERTIFICATE_WARNING_DAYS = 60;

const DAY_MS = 86_400_000;

export type CertificateExpiry =
  | { state: "none" }
  | { state: "expired"; expiresAt: Date; daysAgo: number }
  | { state: "expiring" | "valid"; expiresAt: Date; daysLeft: number };

/** The moment before which an expiry counts as "expiring" (expired ones included). */
export const certificateWarningCutoff = (now: Date) => new Date(now.getTime() + CERTIFICATE_WARNING_DAYS * DAY_MS);

/** Whole days left (rounded down), or how long ago it expired; computed on the server so every viewer sees the same. */
export function certificateExpiry(expiresAt: Date | null, now: Date): CertificateExpiry {
  if (!expiresAt) return { state: "none" };
  const remaining = expiresAt.getTime() - now.getTime();
  if (remaining <= 0)
    return { state: "expired", expiresAt, daysAgo: Math.floor((now.getTime() - expiresAt.getTime()) / DAY_MS) };
  const daysLeft = Math.floor(remaining / DAY_MS);
  return { state: expiresAt < certificateWarningCutoff(now) ? "expiring" : "valid", expiresAt, daysLeft };
}
