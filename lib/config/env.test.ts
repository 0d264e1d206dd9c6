import { describe, expect, it } from "vitest";
import {
  assertWebServerConfig,
  ConfigError,
  engineSettings,
  parseEnv,
  sandboxesEnabled,
  workerSettings,
} from "@/lib/config/env";

const key = Buffer.alloc(32, 7).toString("base64");

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration", () => {
  it("has working embedded defaults with nothing set", () => {
    expect(parseEnv({})).toMatchObject({
      PORT: 3000,
      HOST: "127.0.0.1",
      DATA_DIR: ".data",
      TRUST_PROXY: false,
      APP_ENCRYPTION_PREVIOUS_KEYS: [],
    });
  });

  it("names the variable and the rule for malformed values", () => {
    const problems = problemsOf(() =>
      parseEnv({
        PORT: "eighty",
        DATABASE_URL: "mysql://x",
        APP_ENCRYPTION_KEY: "short",
        ADMIN_EMAIL: "nope",
        TRUST_PROXY: "maybe",
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT must be a number/),
        expect.stringMatching(/^DATABASE_URL must be a postgresql:\/\/ connection URL/),
        expect.stringMatching(/^APP_ENCRYPTION_KEY must be 32 random bytes/),
        expect.stringMatching(/^ADMIN_EMAIL must be an email address/),
        expect.stringMatching(/^TRUST_PROXY must be true or false/),
      ]),
    );
  });

  it("gives every engine run the Genesys Cloud propagation window: 90 s unless set, 0 to 600 s", () => {
    expect(engineSettings(parseEnv({})).propagationWindowMs).toBe(90_000);
    expect(workerSettings(parseEnv({ GENESYS_PROPAGATION_SECONDS: "30" })).propagationWindowMs).toBe(30_000);
    expect(problemsOf(() => parseEnv({ GENESYS_PROPAGATION_SECONDS: "601" }))).toEqual([
      "GENESYS_PROPAGATION_SECONDS must be from 0 to 600 seconds",
    ]);
  });

  it("gives every run (dashboard, worker, CLI) a 30 s tenant lease unless RUN_LEASE_SECONDS says otherwise", () => {
    expect(engineSettings(parseEnv({})).leaseMs).toBe(30_000);
    expect(engineSettings(parseEnv({ RUN_LEASE_SECONDS: "45" })).leaseMs).toBe(45_000);
    expect(workerSettings(parseEnv({})).runLeaseSeconds).toBe(30);
  });

  it("refuses production mode (an external database) without a master key, and the web server without sign-in settings", () => {
    expect(problemsOf(() => parseEnv({ DATABASE_URL: "postgresql://db/hp" }))).toEqual([
      expect.stringMatching(/^APP_ENCRYPTION_KEY is required/),
    ]);
    const env = parseEnv({ DATABASE_URL: "postgresql://db/hp", APP_ENCRYPTION_KEY: key });
    expect(problemsOf(() => assertWebServerConfig(env))).toEqual([
      expect.stringMatching(/^NEXTAUTH_SECRET is required/),
      expect.stringMatching(/^NEXTAUTH_URL is required/),
    ]);
  });

  it("requires settings that only work together to be set together", () => {
    expect(problemsOf(() => parseEnv({ OIDC_ISSUER: "https://id.example.test" }))).toEqual([
      expect.stringMatching(/OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/),
    ]);
    expect(problemsOf(() => parseEnv({ ADMIN_EMAIL: "a@example.test" }))).toEqual([
      expect.stringMatching(/ADMIN_EMAIL and ADMIN_PASSWORD/),
    ]);
  });

  it("runs the sandboxes on the embedded database unless told otherwise", () => {
    expect(sandboxesEnabled(parseEnv({}), true)).toBe(true);
    expect(sandboxesEnabled(parseEnv({ SANDBOX: "off" }), true)).toBe(false);
    expect(sandboxesEnabled(parseEnv({}), false)).toBe(false);
    expect(sandboxesEnabled(parseEnv({ SANDBOX: "on" }), false)).toBe(true);
  });
});
