import { roleLabels, roles } from "@/lib/auth/roles";

/** The roles as a select offers them. */
export const ROLE_OPTIONS = roles.map((role) => ({ value: role, label: roleLabels[role] }));
