import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { StatusChip } from "@/components/ui/status-chip";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { installationSettings } from "@/lib/settings/installation";

export const metadata = { title: "Settings" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[14rem_1fr]">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

export default async function SettingsPage() {
  await requirePagePermission("settings.read");
  const settings = await installationSettings(getDb());
  const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;
  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title="Settings"
        description="How this installation is configured. Values come from the environment (see the README)."
      />
      <Card>
        <CardHeader>
          <CardTitle>Storage and encryption</CardTitle>
          <CardDescription>
            Secrets are sealed with AES-256-GCM under the master key; rotate with `npm run cli -- keys rotate`.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="divide-y divide-border">
            <Row label="Database">{settings.database}</Row>
            <Row label="Current key version">{settings.currentKeyVersion ?? "not used yet"}</Row>
            <Row label="Previous keys configured">{settings.previousKeysConfigured}</Row>
            <Row label="Sealed secrets">
              {settings.secretsByKeyVersion.length === 0
                ? "none"
                : settings.secretsByKeyVersion
                    .map((entry) => `${entry.count} under version ${entry.keyVersion}`)
                    .join(", ")}
            </Row>
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Sign-in</CardTitle>
          <CardDescription>Sessions last 8 hours; role and status are re-checked on every request.</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="divide-y divide-border">
            <Row label="Secure cookies">
              {settings.secureCookies ? (
                <StatusChip tone="success" label="On (HTTPS)" />
              ) : (
                <StatusChip tone="warning" label="Off: NEXTAUTH_URL is not https" />
              )}
            </Row>
            <Row label="Account throttling">
              {`${settings.throttle.account.freeFailures} failures per ${minutes(settings.throttle.windowMs)}, then locked from ${minutes(settings.throttle.account.baseLockMs)} doubling up to ${minutes(settings.throttle.account.maxLockMs)}`}
            </Row>
            <Row label="Address throttling">{`${settings.throttle.address.freeFailures} failures per ${minutes(settings.throttle.windowMs)}, then locked ${minutes(settings.throttle.address.maxLockMs)}`}</Row>
            <Row label="Single sign-on (OIDC)">
              {settings.oidc ? (
                <div className="grid gap-1">
                  <span>{settings.oidc.issuer}</span>
                  <span className="text-muted-foreground">
                    Role from claim “{settings.oidc.claim}”:{" "}
                    {settings.oidc.map.map(([value, role]) => `${value} → ${role}`).join(", ") || "no mapping"};
                    otherwise {settings.oidc.defaultRole ?? "refused"}
                  </span>
                </div>
              ) : (
                "Not configured"
              )}
            </Row>
          </dl>
        </CardContent>
      </Card>
    </div>
  );
}
