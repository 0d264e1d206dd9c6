import { annexNote } from "@/lib/config-server/annex";
import type { HybridIntegrationPlan } from "@/lib/config-server/bridge";
import type { DesiredHybridIntegration } from "@/lib/config-server/desired-object";
import { show } from "@/lib/config-server/property-plan";
import type { DbTx } from "@/lib/db/client";
import { openConnections, type ConnectionOptions, loadTenantView, type TenantView } from "@/lib/provisioning";
import { describeFailure } from "@/lib/provisioning";
import { desiredTransactionObject } from "./desired-transaction-object";

/** same: GAX holds the value; differs: another value; missing: not in GAX; extra: in GAX, not the provisioner's. */
export type KeyComparison = "same" | "differs" | "missing" | "extra" | "unknown";

/** Everything here goes to the browser: secret values are masked. */
export interface TransactionObjectEntry {
  section: string;
  key: string;
  /** The value the provisioner writes; masked when secret. */
  value: string;
  secret: boolean;
  /** The annex key (organization_domain_suffix), whose section is a per-deployment setting. */
  annex: boolean;
  comparison: KeyComparison;
  /** What GAX holds when it differs (masked when secret). */
  liveValue: string | null;
}

export type LiveComparison =
  | {
      status: "compared";
      gaxTenant: string;
      objectMissing: boolean;
      attributeChanges: { attribute: string; from: string; to: string }[];
      comparedAt: string;
    }
  | { status: "unavailable"; message: string; checks: string[] }
  | { status: "not-compared" };

export interface TransactionObjectView {
  tenant: {
    id: string;
    cfgTenantName: string;
    label: string;
    deploymentName: string;
    gaxBaseUrl: string;
    layout: string;
  };
  /** The Configuration Server tenant that holds the object. */
  targetTenant: string | null;
  ready: boolean;
  problem: string | null;
  waitingFor: { key: string; title: string }[];
  name: string;
  alias: string | null;
  /** The option sections; the annex options are apart, in `annex`. */
  sections: { name: string; entries: TransactionObjectEntry[] }[];
  /** The options the procedure puts in the object's Annex, the section of the options that keeps them, and a note. */
  annex: { section: string; note: string; entries: TransactionObjectEntry[] } | null;
  extra: { section: string; key: string }[];
  live: LiveComparison;
  counts: Record<KeyComparison, number>;
}

const refOf = (entry: { section: string; key: string }) => `${entry.section}/${entry.key}`;

/** Sections in the order the procedure lists them; any other section (a deployment's annex section) follows. */
const SECTION_ORDER = ["general", "saml", "saml_auth", "ewt"];

function sectionsOf(all: TransactionObjectEntry[]): TransactionObjectView["sections"] {
  const entries = all.filter((entry) => !entry.annex);
  const names = [...new Set(entries.map((entry) => entry.section))].sort((a, b) => rank(a) - rank(b));
  return names.map((name) => ({ name, entries: entries.filter((entry) => entry.section === name) }));
}

function annexOf(desired: DesiredHybridIntegration, all: TransactionObjectEntry[]): TransactionObjectView["annex"] {
  const entries = all.filter((entry) => entry.annex);
  return entries.length > 0 ? { section: desired.annexSection, note: annexNote(desired.annexSection), entries } : null;
}
const rank = (section: string) =>
  SECTION_ORDER.includes(section) ? SECTION_ORDER.indexOf(section) : SECTION_ORDER.length;

function compare(desired: DesiredHybridIntegration, plan: HybridIntegrationPlan | null): TransactionObjectEntry[] {
  const kept = new Set(plan?.keep.map(refOf));
  const changed = new Map(plan?.change.map((change) => [refOf(change), change.from]));
  const added = new Set(plan?.add.map(refOf));
  return desired.entries.map((entry) => {
    const ref = refOf(entry);
    const comparison: KeyComparison = !plan
      ? "unknown"
      : kept.has(ref)
        ? "same"
        : changed.has(ref)
          ? "differs"
          : added.has(ref)
            ? "missing"
            : "unknown";
    return {
      section: entry.section,
      key: entry.key,
      value: show(entry.value, entry.secret),
      secret: entry.secret,
      annex: entry.annex ?? false,
      comparison,
      liveValue: changed.get(ref) ?? null,
    };
  });
}

function checksFor(tenant: TenantView): string[] {
  return [
    `GAX answers at ${tenant.deployment.gaxBaseUrl} from this server (the network page has a reachability probe).`,
    `The deployment's GAX user "${tenant.deployment.gaxUsername}" and password are still valid.`,
    `The Configuration Server tenant exists and has its Transactions folder.`,
  ];
}

interface TransactionObjectOptions {
  /** Compare with GAX (default true); false shows only what the provisioner writes. */
  compare?: boolean;
  gax?: ConnectionOptions["gax"];
}

/** The tenant's hybrid_integration as GAX will hold it, with a live per-key comparison; null when there is no such tenant. */
export async function loadTransactionObjectView(
  db: DbTx,
  tenantId: string,
  options: TransactionObjectOptions = {},
): Promise<TransactionObjectView | null> {
  const exists = await db.tenant.findUnique({ where: { id: tenantId }, select: { id: true } });
  if (!exists) return null;
  const tenant = await loadTenantView(db, tenantId);
  const built = await desiredTransactionObject(db, tenant);
  const base = {
    tenant: {
      id: tenant.id,
      cfgTenantName: tenant.cfgTenantName,
      label: tenant.label,
      deploymentName: tenant.deployment.name,
      gaxBaseUrl: tenant.deployment.gaxBaseUrl,
      layout: tenant.deployment.layout,
    },
    name: "hybrid_integration",
  };
  if (!built.ready) {
    return {
      ...base,
      targetTenant: null,
      ready: false,
      problem: built.problem,
      waitingFor: built.waitingFor,
      alias: null,
      sections: [],
      annex: null,
      extra: [],
      live: { status: "not-compared" },
      counts: countOf([], []),
    };
  }

  let live: LiveComparison = { status: "not-compared" };
  let plan: HybridIntegrationPlan | null = null;
  if (options.compare !== false) {
    const connections = openConnections(db, tenant, { gax: { timeoutMs: 10_000, ...options.gax } });
    try {
      plan = await (await connections.bridge()).planHybridIntegration(built.targetTenant, built.desired);
      live = {
        status: "compared",
        gaxTenant: plan.tenant.name,
        objectMissing: plan.action === "create",
        attributeChanges: plan.attributeChanges,
        comparedAt: new Date().toISOString(),
      };
    } catch (error) {
      live = {
        status: "unavailable",
        message: describeFailure(error, "Reading hybrid_integration from GAX", tenant.id).message,
        checks: checksFor(tenant),
      };
    } finally {
      await connections.close();
    }
  }
  const entries = compare(built.desired, plan);
  const extra = plan?.foreign ?? [];
  return {
    ...base,
    targetTenant: built.targetTenant,
    ready: true,
    problem: null,
    waitingFor: [],
    alias: built.desired.alias,
    sections: sectionsOf(entries),
    annex: annexOf(built.desired, entries),
    extra,
    live,
    counts: countOf(entries, extra),
  };
}

function countOf(entries: TransactionObjectEntry[], extra: unknown[]): Record<KeyComparison, number> {
  const counts: Record<KeyComparison, number> = { same: 0, differs: 0, missing: 0, extra: extra.length, unknown: 0 };
  for (const entry of entries) counts[entry.comparison] += 1;
  return counts;
}
