import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { recordAuditEvents, type AuditContext } from "@/lib/audit/record";
import type { AuditEventInput } from "@/lib/audit/events";
import type { Db, DbTx } from "@/lib/db/client";
import {
  BOOTSTRAP_SECRET,
  gaxPasswordRef,
  ISOLATION_AGENT_PASSWORD,
  tenantLabel,
  tenantSecretRef,
} from "@/lib/provisioning";
import { sealSecrets, type SecretRef } from "@/lib/secrets/store";
import { storedAgentUsername, tenantColumns, type FleetPlan } from "./fleet-plan";
import { enqueueKeyPreparations } from "@/lib/jobs/key-preparation-jobs";
import { replaceSampleAgent, storeNewSampleAgents } from "./sample-agents";

type Sealing = { ref: SecretRef; value: string };

/** Deployments: new ones in one statement, changed ones one by one; their audit events and secrets to seal. */
async function writeDeployments(tx: DbTx, plan: FleetPlan, ids: Map<string, string>) {
  const events: AuditEventInput[] = [];
  const secrets: Sealing[] = [];
  const created = plan.deployments.filter((step) => !step.before);
  const rows = created.map((step) => ({ id: randomUUID(), ...step.given.fields }));
  await tx.deployment.createMany({ data: rows });
  for (const [index, row] of rows.entries()) {
    ids.set(row.name, row.id);
    secrets.push({ ref: gaxPasswordRef(row.id), value: created[index]!.given.gaxPassword });
    events.push({
      action: "deployment.create",
      outcome: "success",
      target: { type: "deployment", id: row.id, label: row.name },
      details: {
        name: row.name,
        layout: row.layout,
        gaxBaseUrl: row.gaxBaseUrl,
        gaxUsername: row.gaxUsername,
        ...(row.layout === "single-tenant" ? { objectTenant: row.objectTenant } : {}),
      },
    });
  }
  for (const { before, given, changed, passwordChanged } of plan.deployments) {
    if (!before) continue;
    const data = Object.fromEntries(changed.map((field) => [field, given.fields[field]]));
    if (changed.length > 0) await tx.deployment.update({ where: { id: before.id }, data });
    if (passwordChanged) secrets.push({ ref: gaxPasswordRef(before.id), value: given.gaxPassword });
    events.push({
      action: "deployment.update",
      outcome: "success",
      target: { type: "deployment", id: before.id, label: before.name },
      details: {
        changes: Object.fromEntries(changed.map((field) => [field, { from: before[field], to: given.fields[field] }])),
        resealed: passwordChanged ? [gaxPasswordRef(before.id).purpose] : [],
      },
    });
  }
  return { events, secrets };
}

/** Tenants: new ones in one statement, changed ones one by one; their audit events and secrets to seal. */
async function writeTenants(tx: DbTx, plan: FleetPlan, ids: Map<string, string>) {
  const events: AuditEventInput[] = [];
  const secrets: Sealing[] = [];
  const created = plan.tenants.filter((step) => !step.before);
  const rows = created.map((step) => ({
    id: randomUUID(),
    deploymentId: ids.get(step.deploymentName)!,
    cfgTenantName: step.given.cfgTenantName,
    ...tenantColumns(step.given),
  }));
  await tx.tenant.createMany({ data: rows });
  const agents = rows.flatMap((row, index) => {
    const agent = created[index]!.given.sampleAgent;
    return agent ? [{ tenantId: row.id, agent }] : [];
  });
  secrets.push(...(await storeNewSampleAgents(tx, agents)));
  for (const [index, row] of rows.entries()) {
    const step = created[index]!;
    secrets.push({ ref: tenantSecretRef(row.id, BOOTSTRAP_SECRET), value: step.given.bootstrapClientSecret });
    events.push({
      action: "tenant.create",
      outcome: "success",
      target: { type: "tenant", id: row.id, label: tenantLabel(step.deploymentName, row.cfgTenantName) },
      details: {
        deploymentId: row.deploymentId,
        cfgTenantName: row.cfgTenantName,
        region: row.region,
        services: row.services,
      },
    });
  }
  for (const { before, given, changed, secretChanged, agentChanged, deploymentName } of plan.tenants) {
    if (!before) continue;
    const agent = agentChanged && given.sampleAgent ? { tenantId: before.id, agent: given.sampleAgent } : undefined;
    if (agent) secrets.push(await replaceSampleAgent(tx, agent));
    const columns = tenantColumns(given);
    const data = Object.fromEntries(changed.map((field) => [field, columns[field]]));
    if (changed.length > 0) await tx.tenant.update({ where: { id: before.id }, data });
    if (secretChanged)
      secrets.push({ ref: tenantSecretRef(before.id, BOOTSTRAP_SECRET), value: given.bootstrapClientSecret });
    events.push({
      action: "tenant.update",
      outcome: "success",
      target: { type: "tenant", id: before.id, label: tenantLabel(deploymentName, before.cfgTenantName) },
      details: {
        changes: {
          ...Object.fromEntries(changed.map((field) => [field, { from: before[field], to: columns[field] }])),
          ...(agent ? { sampleAgent: { from: storedAgentUsername(before), to: agent.agent.username } } : {}),
        },
        resealed: [...(secretChanged ? [BOOTSTRAP_SECRET] : []), ...(agent ? [ISOLATION_AGENT_PASSWORD] : [])],
      },
    });
  }
  return { events, secrets, createdIds: rows.map((row) => row.id) };
}

/**
 * Writes a plan in one transaction: rows, sealed secrets, their audit events and the key preparations of new tenants
 * commit together or not at all. A few statements however many tenants are new; each changed row is one update.
 */
export async function applyFleet(
  db: Db,
  audit: AuditContext,
  { plan, boss }: { plan: FleetPlan; boss?: PgBoss },
): Promise<{ createdTenantIds: string[] }> {
  if (plan.changes.length === 0) return { createdTenantIds: [] };
  return db.$transaction(
    async (tx) => {
      const ids = new Map(plan.deploymentIds);
      const deployments = await writeDeployments(tx, plan, ids);
      const tenants = await writeTenants(tx, plan, ids);
      const secrets = [...deployments.secrets, ...tenants.secrets];
      await sealSecrets(tx, secrets);
      // sealSecrets remembers every value it seals, so redaction would still catch one in an event's free text.
      await recordAuditEvents(tx, audit, { events: [...deployments.events, ...tenants.events] });
      if (boss) await enqueueKeyPreparations(boss, tx, { tenantIds: tenants.createdIds, audit });
      return { createdTenantIds: tenants.createdIds };
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}
