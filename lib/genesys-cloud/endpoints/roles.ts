import { z } from "zod";
import type { Transport } from "../transport";
import { allPages, pageSchema } from "./paging";

export const permissionPolicySchema = z.looseObject({
  domain: z.string(),
  entityName: z.string(),
  actionSet: z.array(z.string()),
  policyName: z.string().optional(),
  policyDescription: z.string().optional(),
  namedResources: z.array(z.string()).optional(),
  allowConditions: z.boolean().optional(),
  resourceConditionNode: z.unknown().optional(),
});
export type PermissionPolicy = z.output<typeof permissionPolicySchema>;

export const roleSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  defaultRoleId: z.string().optional(),
  permissions: z.array(z.string()).optional(),
  permissionPolicies: z.array(permissionPolicySchema).default([]),
  userCount: z.number().optional(),
  default: z.boolean().optional(),
  base: z.boolean().optional(),
  selfUri: z.string().optional(),
});
export type Role = z.output<typeof roleSchema>;

export interface RoleQuery {
  pageSize?: number;
  pageNumber?: number;
  /** Not an exact match on the server: use findRoleByName for that. */
  name?: string;
  defaultRoleId?: string[];
  id?: string[];
  permission?: string[];
}

export interface RoleUpdate {
  id?: string;
  name: string;
  description?: string;
  /** Sent back unchanged for a built-in role (as the Terraform provider does). */
  defaultRoleId?: string;
  permissions?: string[];
  /** Send explicit entity names and actions: wildcards come back expanded. */
  permissionPolicies: Partial<PermissionPolicy>[];
}

const rolePage = pageSchema(roleSchema);

export function roleEndpoints(t: Transport) {
  const listRoles = (query: RoleQuery = {}) =>
    t.call({
      operation: "list roles",
      method: "GET",
      path: "/api/v2/authorization/roles",
      query: { ...query },
      schema: rolePage,
    });
  return {
    listRoles,
    /** Exact, case-sensitive name match across every page. */
    findRoleByName: async (name: string): Promise<Role | null> =>
      (await allPages((pageNumber) => listRoles({ name, pageNumber, pageSize: 100 }))).find((r) => r.name === name) ??
      null,
    /** The built-in role with this defaultRoleId ("admin", "employee"). */
    findRoleByDefaultId: async (defaultRoleId: string): Promise<Role | null> =>
      (await listRoles({ defaultRoleId: [defaultRoleId] })).entities.find((r) => r.defaultRoleId === defaultRoleId) ??
      null,
    getRole: (id: string) =>
      t.call({
        operation: "read a role",
        method: "GET",
        path: `/api/v2/authorization/roles/${encodeURIComponent(id)}`,
        schema: roleSchema,
      }),
    updateRole: (id: string, body: RoleUpdate) =>
      t.call({
        operation: `update role "${body.name}"`,
        method: "PUT",
        path: `/api/v2/authorization/roles/${encodeURIComponent(id)}`,
        body,
        schema: roleSchema,
      }),
  };
}
