import pg from "pg";

export const APP_ROLE = "hp_app";

// Tables the app may only read and append to: the audit log (and its search rows, written by its trigger) and the
// log's identity. Everything else it reads and writes; it owns nothing, so it can neither alter a table nor switch a
// trigger off, and as a non-superuser it cannot change session_replication_role.
const APPEND_ONLY = ["audit_events", "audit_event_search"];
const READ_ONLY = ["audit_log_identity", "_prisma_migrations"];

/**
 * Creates (or updates the password of) the role the app and workers connect as, and grants it exactly what it needs
 * on the tables that exist now: run it after every migration, as the owner.
 */
export async function ensureAppRole(ownerUrl: string, app: { role?: string; password: string }): Promise<void> {
  const role = app.role ?? APP_ROLE;
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`${role}: not a plain role name`);
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const password = client.escapeLiteral(app.password);
    const exists = (await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount;
    await client.query(
      `${exists ? "ALTER" : "CREATE"} ROLE ${role} LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB PASSWORD ${password}`,
    );
    const database = (await client.query<{ name: string }>("SELECT current_database() AS name")).rows[0]!.name;
    // CREATE on the database: the job queue (pg-boss) keeps its tables in a schema of its own.
    await client.query(`GRANT CONNECT, CREATE ON DATABASE "${database}" TO ${role}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    const existing = async (tables: string[]) =>
      (
        await client.query<{ name: string }>(
          "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1)",
          [tables],
        )
      ).rows.map((row) => `"${row.name}"`);
    const appendOnly = await existing(APPEND_ONLY);
    if (appendOnly.length)
      await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${appendOnly.join(", ")} FROM ${role}`);
    const readOnly = await existing(READ_ONLY);
    if (readOnly.length)
      await client.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${readOnly.join(", ")} FROM ${role}`);
    // A job-queue schema made before the app had its own role belongs to the owner; the queue attaches a partition
    // per queue to its tables, which only their owner may do, so the app takes the whole schema over.
    if ((await client.query("SELECT 1 FROM pg_namespace WHERE nspname = 'pgboss'")).rowCount) {
      await client.query(`ALTER SCHEMA pgboss OWNER TO ${role}`);
      await client.query(`DO $$ DECLARE object record; BEGIN
        FOR object IN SELECT tablename FROM pg_tables WHERE schemaname = 'pgboss' LOOP
          EXECUTE format('ALTER TABLE pgboss.%I OWNER TO ${role}', object.tablename);
        END LOOP;
        FOR object IN SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'pgboss' LOOP
          EXECUTE format('ALTER FUNCTION %s OWNER TO ${role}', object.signature);
        END LOOP;
        FOR object IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'pgboss' AND t.typtype = 'e' LOOP
          EXECUTE format('ALTER TYPE pgboss.%I OWNER TO ${role}', object.typname);
        END LOOP;
      END $$`);
    }
  } finally {
    await client.end();
  }
}

/** The same server and database as `ownerUrl`, signed in as the app role. */
export function appRoleUrl(ownerUrl: string, app: { role?: string; password: string }): string {
  const url = new URL(ownerUrl);
  url.username = app.role ?? APP_ROLE;
  url.password = encodeURIComponent(app.password);
  return url.toString();
}
