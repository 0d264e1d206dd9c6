// What the smoke test calls with the SAML2 bearer token: one API inside the client's scopes, by scope.
import type { GenesysCloudClient } from "@/lib/genesys-cloud";
import type { FieldDifference } from "../model/step";

export interface ProbeContext {
  orgId: string;
  /** Whether the employee-role step gives auto-provisioned agents the Predictive Engagement permissions. */
  predictiveEngagement: boolean;
  employeePermissions: string[];
}

interface SmokeProbe {
  key: string;
  /** The OAuth scopes that allow the call (any one), from the Platform API's definition of the operation. */
  scopes: readonly string[];
  /** The call, as operators read it. */
  call: string;
  /** What a green answer proves beyond the token exchange. */
  proves: string;
  /** Why this probe cannot prove anything for the tenant, or undefined when it can. */
  unusable?(context: ProbeContext): string | undefined;
  /** Calls the API with the token; returns what differs from what the probe expects (nothing: green). */
  run(genesys: GenesysCloudClient, context: ProbeContext): Promise<FieldDifference[]>;
}

const ACTION_MAP_VIEW = "journey:actionmap:view";

/** Whether the permission list grants the permission, wildcards included. */
function lists(permissions: string[], permission: string): boolean {
  const [domain, entity, action] = permission.split(":");
  const granting = [permission, `${domain}:*:${action}`, `${domain}:${entity}:*`, `${domain}:*:*`];
  return granting.some((p) => permissions.includes(p));
}

/** Preferred first: a probe that also proves the employee role's permissions. */
const SMOKE_PROBES: readonly SmokeProbe[] = [
  {
    key: "journey-action-maps",
    scopes: ["journey", "journey:readonly"],
    call: "GET /api/v2/journey/actionmaps?pageSize=1",
    proves: `the test agent holds ${ACTION_MAP_VIEW}, which the employee role gives auto-provisioned agents`,
    unusable(context) {
      if (!context.predictiveEngagement) {
        return "Predictive Engagement is off, so the employee role is not given its permissions";
      }
      if (!lists(context.employeePermissions, ACTION_MAP_VIEW)) {
        return `the employee permissions setting does not list ${ACTION_MAP_VIEW}`;
      }
      return undefined;
    },
    async run(genesys) {
      await genesys.listActionMaps({ pageSize: 1 });
      return [];
    },
  },
  {
    key: "organization",
    scopes: ["organization", "organization:readonly"],
    call: "GET /api/v2/organizations/me",
    proves: "the token belongs to the tenant's org (no permission needed)",
    async run(genesys, context) {
      const me = await genesys.getOrganization();
      return me.id === context.orgId ? [] : [{ field: "organization", expected: context.orgId, actual: me.id }];
    },
  },
];

type ProbeChoice = { probe: SmokeProbe } | { probe: null; why: string };

/** The first probe one of the client's scopes allows and that can prove something for this tenant. */
export function chooseProbe(scopes: readonly string[], context: ProbeContext): ProbeChoice {
  const reasons: string[] = [];
  for (const probe of SMOKE_PROBES) {
    if (!probe.scopes.some((scope) => scopes.includes(scope))) continue;
    const unusable = probe.unusable?.(context);
    if (!unusable) return { probe };
    reasons.push(`${probe.call} (scope ${probe.scopes.join(" or ")}): ${unusable}`);
  }
  const known = SMOKE_PROBES.flatMap((probe) => probe.scopes).join(", ");
  const why =
    reasons.length > 0
      ? reasons.join("; ")
      : `none of the client's scopes (${scopes.join(", ")}) is one with a known probe (${known})`;
  return { probe: null, why };
}
