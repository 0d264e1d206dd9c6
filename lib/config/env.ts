import { z } from "zod";

const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, "base64").length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(value), {
    message: "must be 32 random bytes, base64-encoded (e.g. `openssl rand -base64 32`)",
  });

const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], { message: "must be true or false" })
  .transform((value) => ["1", "true", "yes", "on"].includes(value));

const optionalUrl = z.url({ message: "must be an absolute URL" }).optional();

export /** A whole number in a range; the message names the range and the unit, as operators set it. */
function wholeNumber({ unit, min, max }: { unit: string; min: number; max: number }) {
  const range = `must be from ${min} to ${max}${unit ? ` ${unit}` : ""}`;
  return z.coerce
    .number({ message: "must be a number" })
    .int({ message: unit ? `must be a whole number of ${unit}` : "must be a whole number" })
    .min(min, { message: range })
    .max(max, { message: range });
}

export const logLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
  message: "must be fatal, error, warn, info, debug, trace or silent",
});
export const logFormat = z.enum(["json", "pretty"], { message: "must be json or pretty" });

const envSchema = z.object({
  PORT: z.coerce.number({ message: "must be a number" }).int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default(".data"),
  /** The owner's connection for migrations when DATABASE_URL is a role of least privilege (README, Production). */
  MIGRATION_DATABASE_URL: z.string().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: "must be a postgresql:// connection URL" })
    .optional(),
  EMBEDDED_POSTGRES_PORT: z.coerce.number({ message: "must be a number" }).int().min(1024).max(65535).default(54320),
  APP_ENCRYPTION_KEY: base64Key.optional(),
  APP_ENCRYPTION_PREVIOUS_KEYS: z
    .string()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(",")
            .map((key) => key.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(base64Key)),
  NEXTAUTH_SECRET: z.string().min(32, { message: "must be at least 32 characters" }).optional(),
  NEXTAUTH_URL: optionalUrl,
  ADMIN_EMAIL: z.email({ message: "must be an email address" }).optional(),
  ADMIN_PASSWORD: z.string().min(12, { message: "must be at least 12 characters" }).optional(),
  OIDC_ISSUER: optionalUrl,
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).default("Single sign-on"),
  OIDC_ROLE_CLAIM: z.string().min(1).default("groups"),
  OIDC_ROLE_MAP: z.string().optional(),
  OIDC_DEFAULT_ROLE: z
    .enum(["admin", "operator", "viewer"], { message: "must be admin, operator or viewer" })
    .optional(),
  /** Signed checkpoints of the audit chain's head, appended every minute and at shutdown (default DATA_DIR/audit-checkpoints.jsonl). */
  AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  /** Genesys Cloud at base URLs other than a region's (a proxy, the sandboxes); default on only with the embedded database. */
  GENESYS_CUSTOM_BASE_URLS: z.enum(["on", "off"], { message: "must be on or off" }).optional(),
  /** Hosts (names, *.suffix, CIDR ranges) GAX may be registered at; unset: any an admin registers. */
  OUTBOUND_ALLOWED_HOSTS: z.string().optional(),
  TRUST_PROXY: booleanFlag.default(false),
  /** Trusted proxies in front of the app that append to X-Forwarded-For (the client is that many entries from the end). */
  TRUST_PROXY_HOPS: wholeNumber({ unit: "", min: 1, max: 10 }).default(1),
  SANDBOX: z.enum(["on", "off"], { message: "must be on or off" }).optional(),
  WORKER: z.enum(["on", "off"], { message: "must be on or off" }).default("on"),
  WORKER_CONCURRENCY: z.coerce
    .number({ message: "must be a number" })
    .int()
    .min(1, { message: "must be at least 1" })
    .max(64, { message: "must be at most 64" })
    .default(4),
  /** A session ends this long after sign-in, however active. */
  SESSION_MAX_HOURS: wholeNumber({ unit: "hours", min: 1, max: 168 }).default(8),
  /** A session ends after this long without a request. */
  SESSION_IDLE_MINUTES: wholeNumber({ unit: "minutes", min: 2, max: 1440 }).default(30),
  /** Revealing secrets, exporting them and rotating a certificate ask for the password again after this long. */
  REAUTH_MINUTES: wholeNumber({ unit: "minutes", min: 1, max: 1440 }).default(10),
  /** A run's process renews its lease every third of this; a dead one frees its tenant within it. */
  RUN_LEASE_SECONDS: z.coerce.number({ message: "must be a number" }).int().min(1).default(30),
  /** How long Genesys Cloud may take to honour a new client, secret, certificate or role before a refusal is final. */
  GENESYS_PROPAGATION_SECONDS: wholeNumber({ unit: "seconds", min: 0, max: 600 }).default(90),
  JOB_TIMEOUT_SECONDS: z.coerce.number({ message: "must be a number" }).int().min(1).default(900),
  JOB_MAINTENANCE_SECONDS: z.coerce.number({ message: "must be a number" }).int().min(1).default(30),
  JOB_RETRY_DELAY_SECONDS: z.coerce.number({ message: "must be a number" }).int().min(1).optional(),
  REVERIFY_CRON: z
    .string()
    .regex(/^(\S+\s+){4}\S+$|^off$/, { message: "must be a five-field cron expression, or off" })
    .default("0 */6 * * *"),
  /** Bearer token Prometheus sends for /metrics; unset, /metrics does not exist (docs/observability.md). */
  METRICS_TOKEN: z.string().min(16, { message: "must be at least 16 characters" }).optional(),
  /** `npm run worker` serves /metrics on this port (with METRICS_TOKEN). */
  METRICS_PORT: z.coerce.number({ message: "must be a number" }).int().min(1).max(65535).optional(),
  LOG_LEVEL: logLevel.optional(),
  LOG_FORMAT: logFormat.optional(),
  GENESYS_SANDBOX_PORT: z.coerce.number({ message: "must be a number" }).int().min(1).max(65535).default(4010),
  GAX_SANDBOX_PORT: z.coerce.number({ message: "must be a number" }).int().min(1).max(65535).default(4020),
  // Alerts (lib/notifications): e-mail's mail server, certificate expiry, delivery tries.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, {
      message: "must be an smtp:// or smtps:// URL (e.g. smtps://user:pass@mail.example.com)",
    })
    .optional(),
  SMTP_FROM: z.string().min(3, { message: "must be a sender address" }).optional(),
  CERT_EXPIRY_ALERT_DAYS: wholeNumber({ unit: "days", min: 1, max: 365 }).default(30),
  CERT_EXPIRY_CHECK_CRON: z
    .string()
    .regex(/^(\S+\s+){4}\S+$|^off$/, { message: "must be a five-field cron expression, or off" })
    .default("0 6 * * *"),
  NOTIFICATION_TRIES: wholeNumber({ unit: "", min: 1, max: 10 }).default(5),
  NOTIFICATION_RETRY_DELAY_SECONDS: wholeNumber({ unit: "seconds", min: 1, max: 3600 }).default(10),
  NOTIFICATION_TIMEOUT_SECONDS: wholeNumber({ unit: "seconds", min: 1, max: 120 }).default(10),
});

export type AppEnv = z.infer<typeof envSchema>;

/** The name of every setting this file validates. */
export const settingNames = (): string[] => Object.keys(envSchema.shape);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment; every problem names the variable and the rule it breaks. */
export function parseEnv(source: Record<string, string | undefined> = process.env): AppEnv {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
  }
  const env = result.data;
  const problems: string[] = [];
  const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidc !== 0 && oidc !== 3)
    problems.push("OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together");
  if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD))
    problems.push("ADMIN_EMAIL and ADMIN_PASSWORD must be set together");
  if (env.METRICS_PORT && !env.METRICS_TOKEN)
    problems.push("METRICS_PORT needs METRICS_TOKEN (metrics are never served unauthenticated)");
  if (isProductionMode(env) && !env.APP_ENCRYPTION_KEY) {
    problems.push("APP_ENCRYPTION_KEY is required with an external DATABASE_URL (production mode)");
  }
  if (problems.length) throw new ConfigError(problems);
  return env;
}

/** What only the web server needs on top: in production mode nothing is generated, so sign-in settings must be given. */
export function assertWebServerConfig(env: AppEnv): void {
  if (!isProductionMode(env)) return;
  const problems: string[] = [];
  if (!env.NEXTAUTH_SECRET)
    problems.push("NEXTAUTH_SECRET is required with an external DATABASE_URL (production mode)");
  if (!env.NEXTAUTH_URL) problems.push("NEXTAUTH_URL is required with an external DATABASE_URL (production mode)");
  if (problems.length) throw new ConfigError(problems);
}

/** What every engine run of this process takes from the environment (the app, workers and the CLI alike). */
export function engineSettings(env: Pick<AppEnv, "GENESYS_PROPAGATION_SECONDS" | "RUN_LEASE_SECONDS">) {
  return { propagationWindowMs: env.GENESYS_PROPAGATION_SECONDS * 1000, leaseMs: env.RUN_LEASE_SECONDS * 1000 };
}

export function workerSettings(env: AppEnv) {
  return {
    ...engineSettings(env),
    concurrency: env.WORKER_CONCURRENCY,
    runLeaseSeconds: env.RUN_LEASE_SECONDS,
    jobTimeoutSeconds: env.JOB_TIMEOUT_SECONDS,
    maintenanceIntervalSeconds: env.JOB_MAINTENANCE_SECONDS,
    // A fixed delay when set (tests); otherwise 2 s doubling with each retry.
    retryDelaySeconds: env.JOB_RETRY_DELAY_SECONDS,
    fixedRetryDelay: env.JOB_RETRY_DELAY_SECONDS !== undefined,
    reverifyCron: env.REVERIFY_CRON === "off" ? "" : env.REVERIFY_CRON,
  };
}

/** The built-in sandboxes run inside `npm start` on the embedded database unless SANDBOX=off (and not otherwise unless on). */
export function sandboxesEnabled(env: Pick<AppEnv, "SANDBOX">, embeddedDatabase: boolean): boolean {
  return env.SANDBOX ? env.SANDBOX === "on" : embeddedDatabase;
}

/** Production mode means an external database: nothing is generated, every key must be given. */
function isProductionMode(env: Pick<AppEnv, "DATABASE_URL">): boolean {
  return Boolean(env.DATABASE_URL);
}

/** How long sessions last: absolute, idle, and how recent a sign-in sensitive actions need. */
export function sessionSettings(env: Pick<AppEnv, "SESSION_MAX_HOURS" | "SESSION_IDLE_MINUTES" | "REAUTH_MINUTES">) {
  return {
    maxAgeMs: env.SESSION_MAX_HOURS * 3_600_000,
    idleMs: env.SESSION_IDLE_MINUTES * 60_000,
    reauthMs: env.REAUTH_MINUTES * 60_000,
  };
}
export type SessionSettings = ReturnType<typeof sessionSettings>;
