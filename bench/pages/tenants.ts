// The tenants overview part of bench/pages: 5,000 tenants in a realistic mix, then everything the overview reads for
// its first page (rows, filter menus, counters; loadTenantOverview, as the page runs it) per sort and filter.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Db } from "@/lib/db/client";
import { GENESYS_CLOUD_REGIONS } from "@/lib/genesys-cloud/regions";
import { catalogue } from "@/lib/provisioning";
import { loadTenantOverview } from "@/lib/tenants/overview-data";
import { parseOverviewParams } from "@/lib/tenants/overview-params";
import { applicableSteps } from "@/lib/tenants/tenant-status";
import type { PagePart } from "./part";

const TENANTS = Number(process.env.TENANTS_BENCH_TENANTS ?? 5_000);
const DEPLOYMENTS = 8;
const DAY_MS = 86_400_000;

type Columns = Record<string, unknown[]>;
const columns = <T extends string>(...names: T[]) =>
  Object.fromEntries(names.map((name) => [name, [] as unknown[]])) as Record<T, unknown[]>;

/** INSERT … SELECT FROM unnest(arrays): one round trip per table however many rows. */
async function insertColumns(
  client: pg.Client,
  { table, types, rows }: { table: string; types: Record<string, string>; rows: Columns },
) {
  const names = Object.keys(types);
  const unnest = names.map((name, index) => `$${index + 1}::${types[name]}[]`).join(", ");
  await client.query(
    `INSERT INTO ${table} (${names.join(", ")}) SELECT * FROM unnest(${unnest})`,
    names.map((name) => rows[name]),
  );
}

/**
 * Profiles by share: 45 % provisioned (1 in 9 of them with a drifted step), 20 % part-way, 7 % failed at a step,
 * 2 % with a run holding its lease, 26 % not started (a few with an abandoned run). Certificates are spread from a
 * month past to two years ahead; a tenant gets one once its key-material step is done.
 */
function profileOf(index: number): { kind: "done" | "partial" | "failed" | "running" | "new"; done: number } {
  const slot = index % 100;
  if (slot < 45) return { kind: "done", done: Infinity };
  if (slot < 65) return { kind: "partial", done: 1 + (index % 9) };
  if (slot < 72) return { kind: "failed", done: index % 10 };
  if (slot < 74) return { kind: "running", done: index % 8 };
  return { kind: "new", done: 0 };
}

async function seed(client: pg.Client) {
  const now = Date.now();
  const regions = GENESYS_CLOUD_REGIONS.map((region) => region.id);
  const deployments = Array.from({ length: DEPLOYMENTS }, (_, index) => ({
    id: randomUUID(),
    name: `Contact centre ${String.fromCharCode(65 + index)} (${index % 3 === 0 ? "single" : "multi"}-tenant)`,
  }));
  const d = columns("id", "name", "layout", "gax_base_url", "gax_username", "updated_at");
  for (const [index, deployment] of deployments.entries()) {
    d.id.push(deployment.id);
    d.name.push(deployment.name);
    d.layout.push(index % 3 === 0 ? "single-tenant" : "multi-tenant");
    d.gax_base_url.push(`http://gax-${index}.example.test:8080`);
    d.gax_username.push("provisioner");
    d.updated_at.push(new Date(now));
  }
  await insertColumns(client, {
    table: "deployments",
    types: {
      id: "uuid",
      name: "text",
      layout: "text",
      gax_base_url: "text",
      gax_username: "text",
      updated_at: "timestamptz",
    },
    rows: d,
  });

  const t = columns(
    "id",
    "deployment_id",
    "cfg_tenant_name",
    "region",
    "bootstrap_client_id",
    "org_id",
    "org_name",
    "org_short_name",
    "certificate_expires_at",
    "created_at",
    "updated_at",
  );
  const s = columns(
    "id",
    "tenant_id",
    "step_key",
    "status",
    "verify_status",
    "last_applied_at",
    "last_verified_at",
    "updated_at",
  );
  const r = columns(
    "id",
    "tenant_id",
    "mode",
    "step_key",
    "status",
    "requested_by",
    "correlation_id",
    "started_at",
    "finished_at",
    "lease_expires_at",
    "operator_message",
  );
  const keyMaterialIndex = catalogue.findIndex((step) => step.phase === "key-material");
  // The services column is an array, which unnest would flatten: the default (Predictive Engagement) is inserted,
  // and these tenants get the Agent Pacing Service afterwards.
  const pacingTenants: string[] = [];

  for (let index = 0; index < TENANTS; index += 1) {
    const id = randomUUID();
    const agentPacing = index % 3 === 0;
    const layout = (index % DEPLOYMENTS) % 3 === 0 ? "single-tenant" : "multi-tenant";
    const services = agentPacing ? ["predictive-engagement", "agent-pacing"] : ["predictive-engagement"];
    if (agentPacing) pacingTenants.push(id);
    const keys = applicableSteps({ services, settings: {}, deployment: { layout } }).map((step) => step.key);
    const profile = profileOf(index);
    const done = Math.min(profile.done, keys.length);
    const started = done > 0 || profile.kind === "failed" || profile.kind === "running";
    const createdAt = now - (index % 400) * DAY_MS;
    const hasCertificate = done > keys.indexOf(catalogue[keyMaterialIndex]!.key);
    t.id.push(id);
    t.deployment_id.push(deployments[index % DEPLOYMENTS]!.id);
    t.cfg_tenant_name.push(`Tenant-${String(index).padStart(4, "0")}`);
    t.region.push(index % 20 === 7 ? null : regions[index % regions.length]);
    t.bootstrap_client_id.push(randomUUID());
    t.org_id.push(started ? randomUUID() : null);
    t.org_name.push(started ? `Organisation ${index}` : null);
    t.org_short_name.push(started ? `org-${index}` : null);
    t.certificate_expires_at.push(hasCertificate ? new Date(now + (((index * 7919) % 760) - 30) * DAY_MS) : null);
    t.created_at.push(new Date(createdAt));
    t.updated_at.push(new Date(now));

    const state = (key: string, status: string, verifyStatus: string | null) => {
      s.id.push(randomUUID());
      s.tenant_id.push(id);
      s.step_key.push(key);
      s.status.push(status);
      s.verify_status.push(verifyStatus);
      s.last_applied_at.push(status === "done" ? new Date(createdAt + DAY_MS) : null);
      s.last_verified_at.push(verifyStatus ? new Date(now - (index % 30) * DAY_MS) : null);
      s.updated_at.push(new Date(now));
    };
    for (const [position, key] of keys.slice(0, done).entries()) {
      const drifted = profile.kind === "done" && index % 9 === 0 && position === 5;
      state(key, "done", profile.kind === "done" ? (drifted ? "drifted" : "ok") : null);
    }
    if (profile.kind === "failed") state(keys[done]!, "failed", null);
    if (profile.kind === "running") state(keys[done]!, "running", null);

    // Run history: a few applies and verifies, the latest matching the profile.
    const runs = profile.kind === "new" ? (index % 10 === 0 ? 1 : 0) : 1 + (index % 4);
    for (let run = 0; run < runs; run += 1) {
      const latest = run === runs - 1;
      const startedAt = createdAt + (run + 1) * DAY_MS;
      const status = !latest
        ? "succeeded"
        : profile.kind === "failed"
          ? "failed"
          : profile.kind === "running" || profile.kind === "new"
            ? "running"
            : "succeeded";
      r.id.push(randomUUID());
      r.tenant_id.push(id);
      r.mode.push(run % 3 === 2 ? "verify" : "apply");
      r.step_key.push(run % 4 === 3 ? keys[0] : null);
      r.status.push(status);
      r.requested_by.push(`operator${index % 25}@example.test`);
      r.correlation_id.push(randomUUID());
      r.started_at.push(new Date(startedAt));
      r.finished_at.push(status === "running" ? null : new Date(startedAt + 60_000));
      // A running run of a not-started tenant is an abandoned one: its lease ran out long ago.
      r.lease_expires_at.push(new Date(profile.kind === "running" && latest ? now + 600_000 : startedAt + 600_000));
      r.operator_message.push(
        status === "failed"
          ? "Genesys Cloud is temporarily unable to create the OAuth client (HTTP 503). Retry in a few minutes."
          : null,
      );
    }
  }
  await insertColumns(client, {
    table: "tenants",
    types: {
      id: "uuid",
      deployment_id: "uuid",
      cfg_tenant_name: "text",
      region: "text",
      bootstrap_client_id: "text",
      org_id: "text",
      org_name: "text",
      org_short_name: "text",
      certificate_expires_at: "timestamptz",
      created_at: "timestamptz",
      updated_at: "timestamptz",
    },
    rows: t,
  });
  await client.query(
    "UPDATE tenants SET services = ARRAY['predictive-engagement', 'agent-pacing'] WHERE id = ANY($1::uuid[])",
    [pacingTenants],
  );
  await insertColumns(client, {
    table: "step_states",
    types: {
      id: "uuid",
      tenant_id: "uuid",
      step_key: "text",
      status: "text",
      verify_status: "text",
      last_applied_at: "timestamptz",
      last_verified_at: "timestamptz",
      updated_at: "timestamptz",
    },
    rows: s,
  });
  await insertColumns(client, {
    table: "runs",
    types: {
      id: "uuid",
      tenant_id: "uuid",
      mode: "text",
      step_key: "text",
      status: "text",
      requested_by: "text",
      correlation_id: "text",
      started_at: "timestamptz",
      finished_at: "timestamptz",
      lease_expires_at: "timestamptz",
      operator_message: "text",
    },
    rows: r,
  });
}

export const tenantsPart: PagePart = {
  key: "tenants",
  name: "tenants overview",
  describe: `${TENANTS.toLocaleString("en")} tenants in ${DEPLOYMENTS} deployments with their step states and runs`,
  seed,
  async measurements(client: pg.Client, db: Db) {
    const { rows } = await client.query<{ id: string }>("SELECT id FROM deployments ORDER BY name LIMIT 1 OFFSET 2");
    const deployment = rows[0]!.id;
    const page = (query: Record<string, string>) => () => loadTenantOverview(db, parseOverviewParams(query));
    return [
      { label: "first page, default sort", run: page({}) },
      { label: "sorted by certificate expiry", run: page({ sort: "expiry" }) },
      { label: "sorted by certificate expiry, descending", run: page({ sort: "expiry", dir: "desc" }) },
      { label: "filtered: one deployment", run: page({ deployment }) },
      { label: "filtered: status failed", run: page({ status: "failed" }) },
      { label: "filtered: status not started", run: page({ status: "not-started" }) },
      { label: "filtered: drifted", run: page({ drift: "yes" }) },
      { label: "filtered: certificate expiring", run: page({ cert: "expiring", sort: "expiry" }) },
      {
        label: "filtered: deployment + provisioned + no drift, by region",
        run: page({ deployment, status: "done", drift: "no", sort: "region" }),
      },
      { label: "search: a tenant name (rare)", run: page({ q: "tenant-4321" }) },
      { label: "search: a deployment name (common)", run: page({ q: "contact centre c" }) },
      { label: "100 per page, page 20, by deployment", run: page({ sort: "deployment", size: "100", page: "20" }) },
    ];
  },
};
