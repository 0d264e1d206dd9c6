import { isRole, type Role } from "@/lib/auth/roles";

export const actions = [
  "dashboard.view",
  "tenant.read",
  "deployment.read",
  "network.read",
  "audit.read",
  "settings.read",
  "tenant.manage",
  "provisioning.run",
  "secret.reveal",
  "deployment.manage",
  "user.manage",
  "settings.manage",
] as const;
export type Action = (typeof actions)[number];

const readOnly: Action[] = [
  "dashboard.view",
  "tenant.read",
  "deployment.read",
  "network.read",
  "audit.read",
  "settings.read",
];

/** The one place that says who may do what. Anything not listed is denied. */
const permissionTable: Record<Role, ReadonlySet<Action>> = {
  admin: new Set(actions),
  operator: new Set<Action>([...readOnly, "tenant.manage", "provisioning.run", "secret.reveal"]),
  viewer: new Set<Action>(readOnly),
};

/** Unknown roles (and missing ones) are denied everything. */
export function can(role: unknown, action: Action): boolean {
  return isRole(role) && permissionTable[role].has(action);
}

export function allowedActions(role: unknown): Action[] {
  return actions.filter((action) => can(role, action));
}
