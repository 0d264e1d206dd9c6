import type { PermissionPolicy } from "./endpoints/roles";

type Policy = Pick<PermissionPolicy, "domain" | "entityName" | "actionSet">;

/**
 * The ways a policy may write a permission "domain:entity:action": as itself, or with `*` as the entity, the action
 * or both. Policies read since mid-2026 come back with wildcards expanded; older answers may still hold them.
 */
export function permissionForms(permission: string): string[] {
  const [domain, entity, action] = permission.split(":");
  return [permission, `${domain}:*:${action}`, `${domain}:${entity}:*`, `${domain}:*:*`];
}

/** Whether role policies grant a permission "domain:entity:action", wildcards counted, whatever limits them. */
export function policiesGrant(policies: readonly Policy[], permission: string): boolean {
  const forms = permissionForms(permission);
  return policies.some((policy) =>
    policy.actionSet.some((action) => forms.includes(`${policy.domain}:${policy.entityName}:${action}`)),
  );
}
