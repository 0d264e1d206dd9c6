// Permission catalogue, wildcard expansion and checks. A permission is "domain:entity:action".
import type { OrgSeed } from "./seed-schema";

type Policy = OrgSeed["roles"][number]["permissionPolicies"][number];

const JOURNEY_ENTITIES = ["session", "event", "outcome", "segment", "actionmap", "actiontarget"] as const;
const CRUD = ["view", "add", "edit", "delete"] as const;

/** The domains, entities and actions this sandbox knows; wildcards expand against it. */
export const PERMISSION_CATALOGUE: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  authorization: { role: CRUD, division: CRUD, grant: ["view", "add", "delete"] },
  oauth: { client: [...CRUD, "authorize"] },
  sso: { provider: CRUD },
  directory: { user: CRUD, organization: ["view", "admin"] },
  journey: Object.fromEntries(JOURNEY_ENTITIES.map((entity) => [entity, CRUD])),
};

/** Returns the policies with `*` entity names and actions replaced by the explicit catalogue values. */
export function expandPolicies(policies: readonly Policy[]): Policy[] {
  const expanded: Policy[] = [];
  for (const policy of policies) {
    const domain = PERMISSION_CATALOGUE[policy.domain];
    if (!domain) {
      expanded.push(policy);
      continue;
    }
    const entities = policy.entityName === "*" ? Object.keys(domain) : [policy.entityName];
    for (const entityName of entities) {
      const known = domain[entityName] ?? [];
      const actionSet = policy.actionSet.includes("*") ? [...known] : policy.actionSet.filter((a) => a !== "*");
      if (actionSet.length > 0) expanded.push({ ...policy, entityName, actionSet });
    }
  }
  return expanded;
}

export function permissionsOf(policies: readonly Policy[]): string[] {
  return expandPolicies(policies).flatMap((p) => p.actionSet.map((action) => `${p.domain}:${p.entityName}:${action}`));
}

export function policiesAllow(policies: readonly Policy[], permission: string): boolean {
  const [domain, entity, action] = permission.split(":");
  return policies.some(
    (p) =>
      p.domain === domain &&
      (p.entityName === "*" || p.entityName === entity) &&
      (p.actionSet.includes("*") || p.actionSet.includes(action ?? "")),
  );
}
