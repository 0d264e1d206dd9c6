/** How a Configuration Server holds its tenants: one (Environment or Resources) or many. */
export const DEPLOYMENT_LAYOUTS = ["single-tenant", "multi-tenant"] as const;
export type DeploymentLayout = (typeof DEPLOYMENT_LAYOUTS)[number];
