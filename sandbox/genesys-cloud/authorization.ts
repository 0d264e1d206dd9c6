// Who the caller is and what their role grants allow.
import type { Caller } from "./http/context";
import { missingPermissions } from "./http/errors";
import { policiesAllow } from "./permissions";
import { inEffect } from "./propagation";
import type { RoleDivision, StoredRole } from "./state";

function grantsOf(caller: Caller): RoleDivision[] {
  const { org, subject } = caller;
  if (subject.kind === "client") return org.clients.get(subject.clientId)?.roleDivisions ?? [];
  return org.users.get(subject.userId)?.grants ?? [];
}

export function rolesHeld(caller: Caller): StoredRole[] {
  const ids = new Set(grantsOf(caller).map((g) => g.roleId));
  return [...ids].flatMap((id) => caller.org.roles.get(id) ?? []);
}

/** Throws 403 missing.permissions unless the caller's roles grant every permission (role changes once propagated). */
export function requirePermissions(caller: Caller, ...permissions: string[]): void {
  const policies = rolesHeld(caller).flatMap((role) => inEffect(role.permissionPolicies, role.policiesChange));
  const missing = permissions.filter((permission) => !policiesAllow(policies, permission));
  if (missing.length > 0) throw missingPermissions(missing);
}

export function subjectId(caller: Caller): string {
  return caller.subject.kind === "client" ? caller.subject.clientId : caller.subject.userId;
}
