import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/config/env";
import { notificationSettings } from "./settings";

const problemsOf = (env: Record<string, string>) => {
  try {
    parseEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe("alert settings", () => {
  it("default to 30 days' notice, five tries from 10 s, a daily check and links to the dashboard's URL", () => {
    expect(notificationSettings(parseEnv({ NEXTAUTH_URL: "https://hp.example.test/" }))).toEqual({
      smtpUrl: undefined,
      smtpFrom: undefined,
      certificateExpiryDays: 30,
      certificateCheckCron: "0 6 * * *",
      tries: 5,
      retryDelaySeconds: 10,
      timeoutMs: 10_000,
      dashboardUrl: "https://hp.example.test",
    });
    expect(notificationSettings(parseEnv({ CERT_EXPIRY_CHECK_CRON: "off", PORT: "3100" }))).toMatchObject({
      certificateCheckCron: "",
      dashboardUrl: "http://localhost:3100",
    });
  });

  it("name the variable and the rule, never repeating the SMTP URL's password", () => {
    const problems = problemsOf({
      SMTP_URL: "http://user:hunter2-secret@mail.example.test",
      CERT_EXPIRY_ALERT_DAYS: "0",
      NOTIFICATION_TRIES: "50",
    });
    expect(problems).toEqual([
      "SMTP_URL must be an smtp:// or smtps:// URL (e.g. smtps://user:pass@mail.example.com)",
      "CERT_EXPIRY_ALERT_DAYS must be from 1 to 365 days",
      "NOTIFICATION_TRIES must be from 1 to 10",
    ]);
    expect(problems.join("\n")).not.toContain("hunter2");
  });
});
