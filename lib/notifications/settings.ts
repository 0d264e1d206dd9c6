import { parseEnv, type AppEnv } from "@/lib/config/env";

export type NotificationSettings = {
  smtpUrl?: string;
  smtpFrom?: string;
  certificateExpiryDays: number;
  certificateCheckCron: string;
  tries: number;
  retryDelaySeconds: number;
  timeoutMs: number;
  /** The dashboard's public URL, for links in alerts. */
  dashboardUrl: string;
};

export function notificationSettings(env: AppEnv = parseEnv(process.env)): NotificationSettings {
  return {
    smtpUrl: env.SMTP_URL,
    smtpFrom: env.SMTP_FROM,
    certificateExpiryDays: env.CERT_EXPIRY_ALERT_DAYS,
    certificateCheckCron: env.CERT_EXPIRY_CHECK_CRON === "off" ? "" : env.CERT_EXPIRY_CHECK_CRON,
    tries: env.NOTIFICATION_TRIES,
    retryDelaySeconds: env.NOTIFICATION_RETRY_DELAY_SECONDS,
    timeoutMs: env.NOTIFICATION_TIMEOUT_SECONDS * 1000,
    dashboardUrl: (env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
  };
}
