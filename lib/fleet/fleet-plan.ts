import pLimit from "p-limit";
import type { Db } from "@/lib/db/client";
import type { Deployment, Prisma, StepState, Tenant } from "@/lib/generated/prisma/client";
import {
  BOOTSTRAP_SECRET,
  gaxPasswordRef,
  ISOLATION_AGENT_PASSWORD,
  TENANT_ISOLATION,
  tenantLabel,
  tenantSecretRef,
} from "@/lib/provisioning";
import { openSecret } from "@/lib/secrets/store";
import { canonicalJson } from "./canonical-json";
import type { SampleAgent, ValidDeployment, ValidTenant } from "./validate-fleet";

/** What an import does to one deployment or tenant; `fields` names what differs (a secret by its field name). */
export interface FleetChange {
  action: "create" | "update";
  target: "deployment" | "tenant";
  label: string;
  fields: string[];
}

const DEPLOYMENT_FIELDS = [
  "gaxBaseUrl",
  "gaxUsername",
  "gaxPasswordEncrypted",
  "annexSection",
  "objectTenant",
  "notes",
] as const;
const TENANT_FIELDS = ["region", "loginBaseUrl", "apiBaseUrl", "bootstrapClientId", "services", "settings"] as const;

export type TenantRow = Omit<Pick<Tenant, (typeof TENANT_FIELDS)[number]>, "settings"> & {
  settings: Prisma.InputJsonValue;
};

/** A tenant's columns as registration stores them. */
export const tenantColumns = (tenant: ValidTenant): TenantRow => ({
  region: tenant.fields.region ?? null,
  loginBaseUrl: tenant.fields.loginBaseUrl ?? null,
  apiBaseUrl: tenant.fields.apiBaseUrl ?? null,
  bootstrapClientId: tenant.fields.bootstrapClientId,
  services: tenant.fields.services,
  settings: JSON.parse(JSON.stringify(tenant.fields.settings)) as Prisma.InputJsonValue,
});

export interface DeploymentStep {
  given: ValidDeployment;
  before?: Deployment;
  /** Fields that differ (for an existing deployment); a new one lists none. */
  changed: (typeof DEPLOYMENT_FIELDS)[number][];
  passwordChanged: boolean;
}
export interface TenantStep {
  deploymentName: string;
  given: ValidTenant;
  before?: Tenant & { stepStates: StepState[] };
  changed: (typeof TENANT_FIELDS)[number][];
  secretChanged: boolean;
  /** The file gives a sample agent other than the one stored (username, password or its kind). */
  agentChanged: boolean;
}

export interface FleetPlan {
  deployments: DeploymentStep[];
  tenants: TenantStep[];
  changes: FleetChange[];
  unchanged: number;
  /** Ids of the deployments already registered, by name. */
  deploymentIds: Map<string, string>;
}

/** Secrets are compared with the sealed value, opened here and never returned. */
const differs = async (db: Db, ref: Parameters<typeof openSecret>[1], value: string) =>
  (await openSecret(db, ref)) !== value;

/** The agent the isolation step keeps in its outputs (username, kind) and sealed (password), against the file's. */
/** The username of the sample agent a tenant's isolation step keeps, if any. */
export const storedAgentUsername = (before: { stepStates: { outputs: unknown }[] }): string | null => {
  const outputs = (before.stepStates[0]?.outputs ?? {}) as { agentUsername?: unknown };
  return typeof outputs.agentUsername === "string" ? outputs.agentUsername : null;
};

async function sampleAgentDiffers(
  db: Db,
  { tenantId, stored, given }: { tenantId: string; stored: unknown; given: SampleAgent | undefined },
) {
  if (!given) return false;
  const outputs = (stored ?? {}) as { agentUsername?: unknown; passwordIsEncrypted?: unknown };
  if (outputs.agentUsername !== given.username || (outputs.passwordIsEncrypted ?? false) !== given.passwordIsEncrypted)
    return true;
  return differs(db, tenantSecretRef(tenantId, ISOLATION_AGENT_PASSWORD), given.password);
}

/** What importing these deployments would create and update; what the database has and the file omits stays. */
export async function planFleet(db: Db, deployments: ValidDeployment[]): Promise<FleetPlan> {
  const stored = await db.deployment.findMany({
    where: { name: { in: deployments.map((deployment) => deployment.fields.name) } },
    include: { tenants: { include: { stepStates: { where: { stepKey: TENANT_ISOLATION } } } } },
  });
  const byName = new Map(stored.map((row) => [row.name, row]));
  const limit = pLimit(8);
  const deploymentSteps = await Promise.all(
    deployments.map((given) =>
      limit(async (): Promise<DeploymentStep> => {
        const before = byName.get(given.fields.name);
        if (!before) return { given, changed: [], passwordChanged: true };
        const changed = DEPLOYMENT_FIELDS.filter((field) => before[field] !== given.fields[field]);
        return {
          given,
          before,
          changed,
          passwordChanged: await differs(db, gaxPasswordRef(before.id), given.gaxPassword),
        };
      }),
    ),
  );
  const tenantSteps = await Promise.all(
    deployments.flatMap((deployment) => {
      const existing = new Map(
        (byName.get(deployment.fields.name)?.tenants ?? []).map((row) => [row.cfgTenantName, row]),
      );
      return deployment.tenants.map((given) =>
        limit(async (): Promise<TenantStep> => {
          const before = existing.get(given.cfgTenantName);
          const deploymentName = deployment.fields.name;
          if (!before)
            return {
              deploymentName,
              given,
              changed: [],
              secretChanged: true,
              agentChanged: Boolean(given.sampleAgent),
            };
          const columns = tenantColumns(given);
          const changed = TENANT_FIELDS.filter(
            (field) => canonicalJson(before[field]) !== canonicalJson(columns[field]),
          );
          const ref = tenantSecretRef(before.id, BOOTSTRAP_SECRET);
          const [secretChanged, agentChanged] = await Promise.all([
            differs(db, ref, given.bootstrapClientSecret),
            sampleAgentDiffers(db, {
              tenantId: before.id,
              stored: before.stepStates[0]?.outputs,
              given: given.sampleAgent,
            }),
          ]);
          return { deploymentName, given, before, changed, secretChanged, agentChanged };
        }),
      );
    }),
  );
  return {
    ...describePlan(deploymentSteps, tenantSteps),
    deploymentIds: new Map(stored.map((row) => [row.name, row.id])),
  };
}

function describePlan(deployments: DeploymentStep[], tenants: TenantStep[]): Omit<FleetPlan, "deploymentIds"> {
  const changes: FleetChange[] = [];
  let unchanged = 0;
  for (const step of deployments) {
    const fields = [...step.changed, ...(step.before && step.passwordChanged ? ["gaxPassword"] : [])];
    if (step.before && fields.length === 0) unchanged++;
    else
      changes.push({
        action: step.before ? "update" : "create",
        target: "deployment",
        label: step.given.fields.name,
        fields,
      });
  }
  for (const step of tenants) {
    const fields = [
      ...step.changed,
      ...(step.before && step.secretChanged ? ["bootstrapClientSecret"] : []),
      ...(step.before && step.agentChanged ? ["sampleAgent"] : []),
    ];
    const label = tenantLabel(step.deploymentName, step.given.cfgTenantName);
    if (step.before && fields.length === 0) unchanged++;
    else changes.push({ action: step.before ? "update" : "create", target: "tenant", label, fields });
  }
  return {
    deployments: deployments.filter((step) => !step.before || step.changed.length > 0 || step.passwordChanged),
    tenants: tenants.filter(
      (step) => !step.before || step.changed.length > 0 || step.secretChanged || step.agentChanged,
    ),
    changes,
    unchanged,
  };
}
