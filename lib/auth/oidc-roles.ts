import { isRole, type Role } from "@/lib/auth/roles";

/**
 * Maps an identity provider's claim to a role. OIDC_ROLE_MAP is "value=role,value=role"; the claim (OIDC_ROLE_CLAIM,
 * default "groups") may be a string or a list. The most powerful matching role wins; without a match the default
 * role applies, and without a default the sign-in is refused.
 */
export function parseRoleMap(spec: string | undefined): Map<string, Role> {
  const map = new Map<string, Role>();
  for (const entry of (spec ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const separator = entry.lastIndexOf("=");
    const value = entry.slice(0, separator).trim();
    const role = entry.slice(separator + 1).trim();
    if (separator <= 0 || !value || !isRole(role)) {
      throw new Error(`OIDC_ROLE_MAP entry "${entry}" must look like "claim-value=admin|operator|viewer".`);
    }
    map.set(value, role);
  }
  return map;
}

const strength: Record<Role, number> = { admin: 3, operator: 2, viewer: 1 };

export function roleFromClaims(
  claims: Record<string, unknown>,
  { claimName, roleMap, defaultRole }: { claimName: string; roleMap: Map<string, Role>; defaultRole?: Role },
): Role | undefined {
  const raw = claims[claimName];
  const values = (Array.isArray(raw) ? raw : [raw]).filter((value): value is string => typeof value === "string");
  const matched = values.map((value) => roleMap.get(value)).filter((role): role is Role => Boolean(role));
  if (matched.length === 0) return defaultRole;
  return matched.sort((a, b) => strength[b] - strength[a])[0];
}
