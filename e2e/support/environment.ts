// The app under test runs on its embedded defaults in a throw-away data directory, never on a shared database.
const e2ePort = Number(process.env.E2E_PORT ?? 3210);
export const e2eBaseUrl = `http://127.0.0.1:${e2ePort}`;
export const e2eDataDirectory = ".data-e2e";
export const e2eAdmin = { email: "admin@e2e.example.test", password: "e2e-admin-password-1234" };

export const e2eEnvironment: Record<string, string> = {
  PORT: String(e2ePort),
  HOST: "127.0.0.1",
  DATA_DIR: e2eDataDirectory,
  EMBEDDED_POSTGRES_PORT: process.env.E2E_POSTGRES_PORT ?? "54391",
  NEXTAUTH_URL: e2eBaseUrl,
  ADMIN_EMAIL: e2eAdmin.email,
  ADMIN_PASSWORD: e2eAdmin.password,
  GENESYS_SANDBOX_PORT: process.env.E2E_GENESYS_SANDBOX_PORT ?? "4391",
  GAX_SANDBOX_PORT: process.env.E2E_GAX_SANDBOX_PORT ?? "4392",
  NEXT_TELEMETRY_DISABLED: "1",
};
