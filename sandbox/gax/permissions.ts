import { ENVIRONMENT_TENANT_DBID, MASK, type CfgType } from "./cfg-types";
import { getObject, type AccountRef, type DeploymentState } from "./deployment-state";
import type { AnyCfgObject } from "./object-schemas";

/**
 * Where an object inherits permissions from: its folder; a top-level folder's owner tenant; an object outside
 * folders its tenant; a tenant or an application outside folders the Environment tenant.
 */
export function parentOf(state: DeploymentState, object: AnyCfgObject): AnyCfgObject | undefined {
  if (object.folderid) return getObject(state, "CfgFolder", object.folderid);
  if (object.type === "CfgFolder") return getObject(state, "CfgTenant", object.ownerdbid);
  if ("tenantdbid" in object) return getObject(state, "CfgTenant", object.tenantdbid);
  if (object.type === "CfgApplication" || object.dbid !== String(ENVIRONMENT_TENANT_DBID)) {
    return getObject(state, "CfgTenant", String(ENVIRONMENT_TENANT_DBID));
  }
  return undefined;
}

/** The tenant an object belongs to (a tenant belongs to itself; applications belong to Environment). */
export function tenantDbidOf(state: DeploymentState, object: AnyCfgObject): string | undefined {
  if (object.type === "CfgTenant") return object.dbid;
  if (object.type === "CfgFolder") return object.ownerdbid;
  if (object.type === "CfgApplication") return String(ENVIRONMENT_TENANT_DBID);
  return object.tenantdbid;
}

function accountsOf(state: DeploymentState, personDbid: string): AccountRef[] {
  const groups = [...state.objects.CfgAccessGroup.values()].filter(
    (group) => group.type === "CfgAccessGroup" && group.memberids.idtype.some((member) => member.dbid === personDbid),
  );
  return [
    { type: "CFGPerson", dbid: personDbid },
    ...groups.map((group): AccountRef => ({ type: "CFGAccessGroup", dbid: group.dbid })),
  ];
}

function entryFor(
  state: DeploymentState,
  { type, dbid, account }: { type: CfgType; dbid: string; account: AccountRef },
) {
  return state.acl.find(
    (entry) =>
      entry.objectType === type &&
      entry.objectDbid === dbid &&
      entry.account.type === account.type &&
      entry.account.dbid === account.dbid,
  );
}

/**
 * The signed-in person's effective mask on an object. For each of the person's accounts (itself and its access
 * groups) the nearest entry wins: one on the object itself, else the closest ancestor whose entry propagates
 * (bit 128 clear). The person's mask is the union over its accounts. The default account has full control.
 */
function effectiveMask(state: DeploymentState, personDbid: string, object: AnyCfgObject): number {
  if (state.credentials.get(personDbid)?.isDefaultUser) return MASK.fullControl;
  let mask = 0;
  for (const account of accountsOf(state, personDbid)) {
    let node: AnyCfgObject | undefined = object;
    for (let depth = 0; node && depth < 64; depth += 1) {
      const entry = entryFor(state, { type: node.type, dbid: node.dbid, account });
      if (entry && (node === object || (entry.mask & MASK.doNotPropagate) === 0)) {
        mask |= entry.mask & MASK.fullControl;
        break;
      }
      node = parentOf(state, node);
    }
  }
  return mask;
}

export function can(
  state: DeploymentState,
  personDbid: string,
  { object, bit }: { object: AnyCfgObject; bit: number },
): boolean {
  return (effectiveMask(state, personDbid, object) & bit) === bit;
}
