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

/**
 * A deployment of its own with one tenant whose settings cannot run: explicit base URLs, no region and no redirect
 * URI (what registration may no longer accept, but a tenant registered before it refused them still has). Returns
 * the tenant's id.
 */
export function insertTenantThatCannotRun(names: { deployment: string; tenant: string }): Promise<string> {
  return withE2eDatabase(async (client) => {
    const deployment = await client.query<{ id: string }>(
      `INSERT INTO deployments (id, name, layout, gax_base_url, gax_username, updated_at)
       VALUES (gen_random_uuid(), $1, 'multi-tenant', 'http://127.0.0.1:9/gax', 'default', now()) RETURNING id`,
      [names.deployment],
    );
    const tenant = await client.query<{ id: string }>(
      `INSERT INTO tenants (id, deployment_id, cfg_tenant_name, region, login_base_url, api_base_url,
         bootstrap_client_id, updated_at)
       VALUES (gen_random_uuid(), $1, $2, NULL, 'http://127.0.0.1:9', 'http://127.0.0.1:9', 'bootstrap', now())
       RETURNING id`,
      [deployment.rows[0]!.id, names.tenant],
    );
    return tenant.rows[0]!.id;
  });
}

/** A run of the tenant waiting in the queue for `seconds` with no job behind it, as if no worker ran. */
export async function insertQueuedRun(tenantId: string, seconds: number): Promise<string> {
  const inserted = await withE2eDatabase((client) =>
    client.query<{ id: string }>(
      `INSERT INTO runs (id, tenant_id, mode, status, requested_by, correlation_id, queued_at, started_at,
         lease_expires_at)
       VALUES (gen_random_uuid(), $1, 'verify', 'queued', 'admin@e2e.example.test', gen_random_uuid()::text,
         now() - make_interval(secs => $2), now() - make_interval(secs => $2), now())
       RETURNING id`,
      [tenantId, seconds],
    ),
  );
  return inserted.rows[0]!.id;
}

/** Makes the tenant's SAML certificate expire `days` from now, as time passing would. */
export function expireCertificateIn(tenantId: string, days: number) {
  return withE2eDatabase((client) =>
    client.query(`UPDATE tenants SET certificate_expires_at = now() + make_interval(days => $2) WHERE id = $1`, [
      tenantId,
      days,
    ]),
  );
}

/** Marks a step of a tenant of this deployment failed, as a failed run would leave it (an Apply then mends it). */
export function markStepFailed({
  deployment,
  tenant,
  stepKey,
}: {
  deployment: string;
  tenant: string;
  stepKey: string;
}) {
  return withE2eDatabase((client) =>
    client.query(
      `UPDATE step_states SET status = 'failed' WHERE step_key = $3 AND tenant_id = (
         SELECT t.id FROM tenants t JOIN deployments d ON d.id = t.deployment_id
         WHERE d.name = $1 AND t.cfg_tenant_name = $2)`,
      [deployment, tenant, stepKey],
    ),
  );
}
