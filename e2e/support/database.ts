import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { e2eDataDirectory, e2eEnvironment } from "./environment";

/** The app's embedded database, for what a browser cannot do: let time pass. */
async function withE2eDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const password = readFileSync(join(e2eDataDirectory, "postgres.password"), "utf8").trim();
  const client = new pg.Client({
    host: "127.0.0.1",
    port: Number(e2eEnvironment.EMBEDDED_POSTGRES_PORT),
    user: "postgres",
    password,
    database: "hybrid_provisioner",
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Makes the user's open sessions look as if they signed in `minutes` ago. */
export function ageSignIn(email: string, minutes: number) {
  return withE2eDatabase((client) =>
    client.query(
      `UPDATE user_sessions SET authenticated_at = now() - make_interval(mins => $2)
       WHERE ended_at IS NULL AND user_id = (SELECT id FROM users WHERE email = $1)`,
      [email, minutes],
    ),
  );
}

/** Records a step of the tenant as applied, as a run that created its objects would (delete must then refuse). */
export function recordAppliedStep(tenantId: string, stepKey: string) {
  return withE2eDatabase((client) =>
    client.query(
      `INSERT INTO step_states (id, tenant_id, step_key, status, last_applied_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, 'done', now(), now())
       ON CONFLICT (tenant_id, step_key) DO UPDATE SET status = 'done', last_applied_at = now()`,
      [tenantId, stepKey],
    ),
  );
}

/** Forgets the tenant's applied steps, as removing its objects (the decommission a later release brings) would. */
export function forgetAppliedSteps(tenantId: string) {
  return withE2eDatabase((client) => client.query(`DELETE FROM step_states WHERE tenant_id = $1`, [tenantId]));
}
