import { recordAuditEvent, type AuditContext } from "@/lib/audit/record";
import type { DesiredHybridIntegration } from "@/lib/config-server/desired-object";
import { annexNote } from "@/lib/config-server/annex";
import { exportHybridIntegration } from "@/lib/config-server/export-hybrid-integration";
import type { Db, DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { tenantTarget } from "@/lib/provisioning";
import { loadTenantView, type TenantView } from "@/lib/provisioning";
import { desiredTransactionObject } from "./desired-transaction-object";

/** Audit purposes of secret.reveal for the transaction object: shown on its page, or exported with secrets. */
export const TRANSACTION_OBJECT_PURPOSES = { page: "transaction-object", export: "transaction-object-export" } as const;
type TransactionObjectPurpose = (typeof TRANSACTION_OBJECT_PURPOSES)[keyof typeof TRANSACTION_OBJECT_PURPOSES];

interface TransactionObjectDocument {
  tenant: string;
  deployment: string;
  /** The Configuration Server tenant that holds the object. */
  configurationServerTenant: string;
  exportedAt: string;
  secrets: "masked" | "revealed";
  /** The body of POST /gax/api/cfg/objects; add tenantdbid and folderid of the site. */
  object: ReturnType<typeof exportHybridIntegration>["body"];
  /** The same options by section, for entering them by hand; the annex options are apart, in `annex`. */
  sections: Record<string, Record<string, string>>;
  /** The options the procedure puts in the object's Annex (organization_domain_suffix), and where they are kept. */
  annex: { section: string; options: Record<string, string>; note: string };
}

interface BuiltObject {
  tenant: TenantView;
  targetTenant: string;
  desired: DesiredHybridIntegration;
}

async function build(db: DbTx, tenantId: string): Promise<BuiltObject> {
  const tenant = await loadTenantView(db, tenantId);
  const built = await desiredTransactionObject(db, tenant);
  if (!built.ready) throw new AppError("precondition_failed", built.problem);
  return { tenant, targetTenant: built.targetTenant, desired: built.desired };
}

export function transactionObjectDocument(
  { tenant, targetTenant, desired }: BuiltObject,
  revealSecrets: boolean,
  now = new Date(),
): TransactionObjectDocument {
  const exported = exportHybridIntegration(desired, { revealSecrets });
  const sections: TransactionObjectDocument["sections"] = {};
  const { annexSection } = exported;
  const annex = { section: annexSection, note: annexNote(annexSection), options: {} as Record<string, string> };
  for (const row of exported.rows) {
    if (row.annex) annex.options[row.key] = row.value;
    else (sections[row.section] ??= {})[row.key] = row.value;
  }
  return {
    tenant: tenant.cfgTenantName,
    deployment: tenant.deployment.name,
    configurationServerTenant: targetTenant,
    exportedAt: now.toISOString(),
    secrets: revealSecrets ? "revealed" : "masked",
    object: exported.body,
    sections,
    annex,
  };
}

export function exportFileName(document: Pick<TransactionObjectDocument, "deployment" | "tenant" | "secrets">): string {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "tenant";
  return `hybrid_integration-${slug(document.deployment)}-${slug(document.tenant)}${document.secrets === "revealed" ? "-with-secrets" : ""}.json`;
}

/** The object with secrets masked: anyone who may read the tenant may have it, so it is not audited. */
export async function maskedTransactionObject(db: DbTx, tenantId: string): Promise<TransactionObjectDocument> {
  return transactionObjectDocument(await build(db, tenantId), false);
}

/**
 * The object with its secrets, for a person allowed to see them: secret.reveal is recorded (the purpose and which
 * options, never a value) in the transaction that opens the secrets, so no value leaves without its record.
 */
export async function revealTransactionObject(
  db: Db,
  audit: AuditContext,
  { tenantId, purpose }: { tenantId: string; purpose: TransactionObjectPurpose },
): Promise<BuiltObject> {
  return db.$transaction(async (tx) => {
    const built = await build(tx, tenantId);
    const secrets = built.desired.entries.filter((entry) => entry.secret);
    await recordAuditEvent(tx, audit, {
      event: {
        action: "secret.reveal",
        outcome: "success",
        target: tenantTarget(built.tenant),
        details: {
          purpose,
          reason: `hybrid_integration options ${secrets.map((entry) => `${entry.section}/${entry.key}`).join(", ")}`,
        },
      },
      knownSecrets: secrets.map((entry) => entry.value),
    });
    return built;
  });
}

/** The secret options of the object by "section/key", revealed (and audited) for its page. */
export async function revealTransactionObjectSecrets(
  db: Db,
  audit: AuditContext,
  tenantId: string,
): Promise<Record<string, string>> {
  const { desired } = await revealTransactionObject(db, audit, { tenantId, purpose: TRANSACTION_OBJECT_PURPOSES.page });
  return Object.fromEntries(
    desired.entries.filter((entry) => entry.secret).map((entry) => [`${entry.section}/${entry.key}`, entry.value]),
  );
}
