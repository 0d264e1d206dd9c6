/** The read-only Predictive Engagement permissions (shared/reference/genesys-cloud-api.md); the exact set is unpublished. */
export const DEFAULT_EMPLOYEE_PERMISSIONS = [
  "journey:session:view",
  "journey:event:view",
  "journey:outcome:view",
  "journey:segment:view",
  "journey:actionmap:view",
  "journey:actiontarget:view",
] as const;

export interface ServiceDefinition {
  key: string;
  /** As operators read it: the new-tenant form's checkbox, audit records, messages. */
  title: string;
  description: string;
  /** Whether a tenant registered without a list of services has it. */
  enabledByDefault: boolean;
  /**
   * Permissions the employee role must grant (agents signed in through the identity provider get that role); when
   * `setting` names a tenant setting, its value replaces the defaults (which are that setting's default).
   */
  rolePermissions?: { defaults: readonly string[]; setting?: "employeePermissions" };
  /**
   * Its own OAuth client: the key of the step that makes it (declared here, with the service; the step takes it
   * from `clientStepOf`) and the section of hybrid_integration that holds it.
   */
  client?: { step: string; section: string };
}

/** The on-premises services a tenant may use; each step that exists for one says so in its `when`. */
export const SERVICES = [
  {
    key: "predictive-engagement",
    title: "Predictive Engagement",
    description: "Journey data for agents: the employee role gets the Predictive Engagement permissions.",
    enabledByDefault: true,
    rolePermissions: { defaults: DEFAULT_EMPLOYEE_PERMISSIONS, setting: "employeePermissions" },
  },
  {
    key: "agent-pacing",
    title: "Agent Pacing Service",
    description: "Estimated wait times (ewt): its own client-credentials client in the ewt section.",
    enabledByDefault: false,
    client: { step: "ewt-client", section: "ewt" },
  },
] as const satisfies readonly ServiceDefinition[];

export type ServiceKey = (typeof SERVICES)[number]["key"];

export const SERVICE_KEYS = SERVICES.map((service) => service.key) as readonly ServiceKey[];
export const DEFAULT_SERVICES: readonly ServiceKey[] = SERVICES.filter((service) => service.enabledByDefault).map(
  (service) => service.key,
);

export const isServiceKey = (key: string): key is ServiceKey => (SERVICE_KEYS as readonly string[]).includes(key);

type ServiceWithClient = Extract<(typeof SERVICES)[number], { client: unknown }>;

/** The key of the step that makes a service's own OAuth client. */
export const clientStepOf = (key: ServiceWithClient["key"]): string =>
  SERVICES.find((service): service is ServiceWithClient => service.key === key)!.client.step;

/** The one way to ask whether a tenant uses a service. */
export const hasService = (tenant: { services: readonly string[] }, key: ServiceKey) => tenant.services.includes(key);

/** The services a tenant uses, as definitions, in the list's order. */
export const enabledServices = (tenant: { services: readonly string[] }): readonly ServiceDefinition[] =>
  SERVICES.filter((service) => hasService(tenant, service.key));

/** What the employee role must grant for the tenant's services, each permission once. */
export function rolePermissionsOf(tenant: {
  services: readonly string[];
  settings: { employeePermissions: readonly string[] };
}): string[] {
  const lists = enabledServices(tenant).flatMap(({ rolePermissions }) =>
    rolePermissions
      ? [rolePermissions.setting ? tenant.settings[rolePermissions.setting] : rolePermissions.defaults]
      : [],
  );
  return [...new Set(lists.flat())];
}
