/** The deployment the first start registers on the built-in sandboxes (lib/demo/demo-seed.ts). */
export const DEMO_DEPLOYMENT_NAME = "Sandbox (multi-tenant)";
