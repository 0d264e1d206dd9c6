import type pg from "pg";

/**
 * Not copied: the migration bookkeeping (a restore migrates to the backup's level, which writes it again) and the
 * audit search rows (derived: the insert trigger on audit_events writes them again as the events go back in).
 */
const NOT_COPIED = new Set(["_prisma_migrations", "audit_event_search"]);

export type AppTable = { name: string; columns: string[] };

/** The application's tables (schema public), each after the tables its foreign keys point at. */
export async function applicationTables(client: pg.ClientBase): Promise<AppTable[]> {
  const { rows } = await client.query<{ name: string; columns: string[]; parents: string[] }>(`
    SELECT c.relname AS name,
      ARRAY(SELECT a.attname::text FROM pg_attribute a
            WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
            ORDER BY a.attnum) AS columns,
      ARRAY(SELECT DISTINCT p.relname::text FROM pg_constraint f JOIN pg_class p ON p.oid = f.confrelid
            WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.confrelid <> c.oid) AS parents
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    ORDER BY c.relname`);
  const tables = rows.filter((row) => !NOT_COPIED.has(row.name));
  const ordered: AppTable[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.filter(
      (table) =>
        !placed.has(table.name) && table.parents.every((parent) => placed.has(parent) || NOT_COPIED.has(parent)),
    );
    if (next.length === 0) throw new Error("The application's foreign keys form a cycle; no order to copy them in.");
    for (const table of next) {
      placed.add(table.name);
      ordered.push({ name: table.name, columns: table.columns });
    }
  }
  return ordered;
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const columnList = (columns: string[]) => columns.map(quoteIdent).join(", ");

/** Session settings that make COPY's text format read back the same on any server (as pg_dump sets them). */
export async function portableSession(client: pg.ClientBase): Promise<void> {
  await client.query(
    "SET DateStyle = ISO; SET IntervalStyle = postgres; SET TimeZone = 'UTC'; SET extra_float_digits = 3; SET client_encoding = 'UTF8'",
  );
}
