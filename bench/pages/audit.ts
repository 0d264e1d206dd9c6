// The audit log part of bench/pages: a million events, then the page's queries as the page runs them.
import type pg from "pg";
import type { Db } from "@/lib/db/client";
import { auditActions } from "@/lib/audit/events";
import { listAuditEvents } from "@/lib/audit/queries";
import type { PagePart } from "./part";

const EVENTS = Number(process.env.AUDIT_BENCH_EVENTS ?? 1_000_000);
const TENANTS = 2_000;
const ACTORS = 25;

// Realistic shapes: tenant ids and run/correlation ids are UUIDs (random-looking text is the hard case for search),
// one event per second, 1 in 50 a failure. Hashes only need to be unique here: the chain is not what is timed.
const seedSql = `
INSERT INTO audit_events (seq, occurred_at, actor_id, actor_email, actor_role, client_address, user_agent, action,
                          target_type, target_id, target_label, outcome, details, prev_hash, hash)
SELECT g,
       timestamptz '2026-01-01' + g * interval '1 second',
       NULL,
       CASE WHEN g % 10 = 0 THEN 'system' ELSE 'operator' || (g % ${ACTORS}) || '@example.test' END,
       CASE WHEN g % 10 = 0 THEN 'system' ELSE 'operator' END,
       '10.20.' || (g % 200) || '.' || (g % 250),
       'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0',
       ($1::text[])[1 + g % array_length($1::text[], 1)],
       'tenant',
       md5('tenant' || g % ${TENANTS})::uuid::text,
       'tenant-' || lpad((g % ${TENANTS})::text, 4, '0'),
       CASE WHEN g % 50 = 0 THEN 'failure' ELSE 'success' END,
       jsonb_build_object('runId', md5('run' || g / 20)::uuid, 'correlationId', md5('corr' || g / 20)::uuid,
                          'stepKey', (ARRAY['oauth-client', 'identity-provider', 'saml-certificate', 'transaction-object'])[1 + g % 4],
                          'apiCorrelationIds', jsonb_build_array(md5('api' || g)::uuid)),
       encode(sha256(int8send(g - 1)), 'hex'),
       encode(sha256(int8send(g)), 'hex')
FROM generate_series($2::bigint, $3::bigint) AS g`;

const tenantId = (index: number) => `md5('tenant${index}')`;

export const auditPart: PagePart = {
  key: "audit",
  name: "audit log",
  describe: `${EVENTS.toLocaleString("en")} audit events`,
  async seed(client: pg.Client) {
    // A larger GIN pending list and more memory to merge it: the trigram index absorbs bulk inserts in fewer passes.
    await client.query("SET gin_pending_list_limit = '64MB'");
    await client.query("SET work_mem = '256MB'");
    const batch = 100_000;
    for (let start = 1; start <= EVENTS; start += batch) {
      await client.query(seedSql, [auditActions, start, Math.min(EVENTS, start + batch - 1)]);
    }
  },
  async measurements(client: pg.Client, db: Db) {
    const { rows } = await client.query<{ id: string }>(`SELECT ${tenantId(1234)}::uuid::text AS id`);
    const tenant = rows[0]!.id;
    const rareCorrelationId = (await client.query<{ id: string }>(`SELECT md5('corr' || 12345)::uuid::text AS id`))
      .rows[0]!.id;
    return [
      { label: "first page, no filter", run: () => listAuditEvents(db, { filters: {} }) },
      {
        label: "a page half-way down the log (keyset cursor)",
        run: () => listAuditEvents(db, { filters: {}, cursor: { before: BigInt(Math.floor(EVENTS / 2)) } }),
      },
      {
        label: "filtered: one tenant + one action",
        run: () => listAuditEvents(db, { filters: { targetType: "tenant", targetId: tenant, action: "step.succeed" } }),
      },
      {
        label: "filtered: failures in one day, a week back",
        run: () =>
          listAuditEvents(db, {
            filters: {
              outcome: "failure",
              from: new Date("2026-01-04T00:00:00Z"),
              to: new Date("2026-01-05T00:00:00Z"),
            },
          }),
      },
      {
        label: "free text: a correlation id (rare)",
        run: () => listAuditEvents(db, { filters: { q: rareCorrelationId } }),
      },
      {
        label: "free text: a step name (common)",
        run: () => listAuditEvents(db, { filters: { q: "identity-provider" } }),
      },
      {
        label: "free text: a tenant label (about 500 matches)",
        run: () => listAuditEvents(db, { filters: { q: "tenant-1234" } }),
      },
    ];
  },
};
