import type { discoverTenantsAction } from "./discovery-actions";

/** What a discovery answers, as the browser receives it. */
export type TenantDiscoveryResult = Extract<Awaited<ReturnType<typeof discoverTenantsAction>>, { ok: true }>["data"];
