import { Plus } from "lucide-react";
import { EndpointDialog } from "@/components/notifications/endpoint-dialog";
import { EndpointsTable } from "@/components/notifications/endpoints-table";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listEndpoints } from "@/lib/notifications/queries";
import { notificationSettings } from "@/lib/notifications/settings";

export const metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  await requirePagePermission("settings.manage");
  const endpoints = await listEndpoints(getDb());
  const settings = notificationSettings();
  const emailReady = Boolean(settings.smtpUrl && settings.smtpFrom);
  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title="Notifications"
        description={`Alerts for failed runs, drift, certificates expiring within ${settings.certificateExpiryDays} days, isolation leaks and a broken audit chain. Each delivery is tried up to ${settings.tries} times.`}
        actions={
          <EndpointDialog
            trigger={
              <Button>
                <Plus aria-hidden="true" /> New endpoint
              </Button>
            }
          />
        }
      />
      {emailReady ? null : (
        <Alert variant="info" title="E-mail is not set up">
          Set SMTP_URL and SMTP_FROM on the server to send alerts by e-mail; webhooks work without them.
        </Alert>
      )}
      <EndpointsTable endpoints={endpoints} />
    </div>
  );
}
