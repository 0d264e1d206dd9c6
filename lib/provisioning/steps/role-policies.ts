// What a role's permission policies grant, compared policy field by policy field, so that a role update can be
// checked to keep every grant it had: a permission limited by named resources or conditions is not the same grant
// as the unlimited one.
import type { PermissionPolicy } from "@/lib/genesys-cloud";
import { permissionForms } from "@/lib/genesys-cloud/permission-policies";

type Policy = Pick<PermissionPolicy, "domain" | "entityName" | "actionSet"> & Record<string, unknown>;

/** One permission (`domain:entity:action`, wildcards as given) and what limits it ("" when nothing does). */
interface Grant {
  permission: string;
  limits: string;
  /** The policy fields that limit it, for operators. */
  limitedBy: string[];
}

/** Fields that name a grant rather than limit it. */
const NOT_LIMITS = new Set(["domain", "entityName", "actionSet", "policyName", "policyDescription"]);

/** Absent, null, false, "", [] and {} say nothing: the API may leave such a field out or fill it in. */
function saysNothing(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}

/** JSON with object keys sorted at every level, so equal values compare equal. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${sortedJson(entry)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function limitsOf(policy: Policy): { limits: string; limitedBy: string[] } {
  const fields = Object.entries(policy).filter(([key, value]) => !NOT_LIMITS.has(key) && !saysNothing(value));
  const limits = fields.length === 0 ? "" : sortedJson(Object.fromEntries(fields));
  return { limits, limitedBy: fields.map(([key]) => key).sort() };
}

function grantsOf(policies: readonly Policy[]): Grant[] {
  return policies.flatMap((policy) => {
    const limits = limitsOf(policy);
    const permission = (action: string) => `${policy.domain}:${policy.entityName}:${action}`;
    return policy.actionSet.map((action) => ({ permission: permission(action), ...limits }));
  });
}

/** Whether `held` grants the permission under the same limits; wildcard entities and actions count. */
function covers(held: readonly Grant[], wanted: Grant): boolean {
  const forms = permissionForms(wanted.permission);
  return held.some((grant) => grant.limits === wanted.limits && forms.includes(grant.permission));
}

/** The grants of `before` that `after` no longer gives (same permission under the same limits). */
export function lostGrants(before: readonly Policy[], after: readonly Policy[]): Grant[] {
  const kept = grantsOf(after);
  return grantsOf(before).filter((grant) => !covers(kept, grant));
}

/** Wanted permissions (`domain:entity:action`) that the policies do not grant without limits. */
export function missingPermissions(policies: readonly Policy[], wanted: readonly string[]): string[] {
  const held = grantsOf(policies);
  return wanted.filter((permission) => !covers(held, { permission, limits: "", limitedBy: [] }));
}

/** Every policy kept as is; a missing permission joins an unlimited policy of its domain and entity, or a new one. */
export function withPermissions<P extends Policy>(policies: readonly P[], missing: readonly string[]): Policy[] {
  const merged: Policy[] = policies.map((policy) => ({ ...structuredClone(policy), actionSet: [...policy.actionSet] }));
  for (const permission of missing) {
    const [domain = "", entityName = "", action = ""] = permission.split(":");
    const open = merged.find(
      (policy) => policy.domain === domain && policy.entityName === entityName && limitsOf(policy).limits === "",
    );
    if (open) open.actionSet.push(action);
    else merged.push({ domain, entityName, actionSet: [action] });
  }
  return merged;
}

/** "directory:user:edit (limited by namedResources, resourceConditionNode)" */
export function describeGrant(grant: Grant): string {
  if (grant.limitedBy.length === 0) return grant.permission;
  return `${grant.permission} (limited by ${grant.limitedBy.join(", ")})`;
}

/** Entries of the role's legacy `permissions` list that `after` no longer holds. */
export const lostLegacyPermissions = (before: readonly string[] = [], after: readonly string[] = []) =>
  before.filter((entry) => !after.includes(entry));
