/** The Configuration Server object classes this sandbox serves, with their PSDK CfgObjectType enum names. */
export const CFG_TYPES = [
  "CfgTenant",
  "CfgFolder",
  "CfgTransaction",
  "CfgPerson",
  "CfgAccessGroup",
  "CfgApplication",
] as const;
export type CfgType = (typeof CFG_TYPES)[number];

export const OBJECT_TYPE_ENUM: Record<CfgType, string> = {
  CfgTenant: "CFGTenant",
  CfgFolder: "CFGFolder",
  CfgTransaction: "CFGTransaction",
  CfgPerson: "CFGPerson",
  CfgAccessGroup: "CFGAccessGroup",
  CfgApplication: "CFGApplication",
};

export function isCfgType(value: string): value is CfgType {
  return (CFG_TYPES as readonly string[]).includes(value);
}

/** Permission mask bits of a Config Server access control entry. */
export const MASK = {
  read: 1,
  create: 2,
  change: 4,
  execute: 8,
  delete: 16,
  readPermissions: 32,
  changePermissions: 64,
  doNotPropagate: 128,
  fullControl: 127,
} as const;

export const ENVIRONMENT_TENANT_NAME = "Environment";
/**
 * The names the one tenant of a single-tenant Configuration Server goes by: the hybrid-integration procedure places
 * the object in "the Environment or Resources structure", and Genesys iWD maps a single-tenant site to "Resources".
 */
export const SINGLE_TENANT_NAMES = [ENVIRONMENT_TENANT_NAME, "Resources"] as const;
/** The root tenant: Environment, or the one tenant of a single-tenant Configuration Server. */
export const ENVIRONMENT_TENANT_DBID = 1;
