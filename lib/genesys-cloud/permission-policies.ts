import type { PermissionPolicy } from "./endpoints/roles";

type Policy = Pick<PermissionPolicy, "domain" | "entityName" | "actionSet">;

/**
 * Whether role policies grant a permission "domain:entity:action". Policies read since mid-2026 come back with
 * wildcards expanded, older answers may still hold `*` as the entity or in the action set: both count.
 */
export function policiesGrant(policies: readonly Policy[], permission: string): boolean {
  const [domain, entity, action] = permission.split(":");
  return policies.some(
    (policy) =>
      policy.domain === domain &&
      (policy.entityName === "*" || policy.entityName === entity) &&
      (policy.actionSet.includes("*") || policy.actionSet.includes(action ?? "")),
  );
}
