import {
  CFG_TYPES,
  ENVIRONMENT_TENANT_DBID,
  ENVIRONMENT_TENANT_NAME,
  OBJECT_TYPE_ENUM,
  type CfgType,
} from "./cfg-types";
import type { AnyCfgObject, CfgObjectOf } from "./object-schemas";
import { obscureGaxPassword } from "./obscure-password";
import { rootTenantName, standardFolders, type DeploymentSeed } from "./seed-schema";

export type AccountRef = { type: "CFGPerson" | "CFGAccessGroup"; dbid: string };

export interface AclEntry {
  objectType: CfgType;
  objectDbid: string;
  account: AccountRef;
  mask: number;
}

export interface Credentials {
  plain: string;
  obscured: string;
  isDefaultUser: boolean;
}

export interface Session {
  id: string;
  personDbid: string;
  lastUsed: number;
}

/** One Configuration Server behind one GAX: its objects, credentials, ACL entries and sessions. */
export interface DeploymentState {
  name: string;
  layout: DeploymentSeed["layout"];
  passwordMode: DeploymentSeed["passwordMode"];
  sessionTimeoutSeconds: number;
  /** Name of the GAX application object: signing in needs Read and Execute on it. */
  gaxApplication: string;
  /** GET cfg/objects query parameters this GAX ignores. */
  ignoredQueryParameters: string[];
  objects: Record<CfgType, Map<string, AnyCfgObject>>;
  nextDbid: Record<CfgType, number>;
  credentials: Map<string, Credentials>;
  acl: AclEntry[];
  sessions: Map<string, Session>;
}

export function getObject<T extends CfgType>(
  state: DeploymentState,
  type: T,
  dbid: string,
): CfgObjectOf<T> | undefined {
  return state.objects[type].get(dbid) as CfgObjectOf<T> | undefined;
}

export function allocateDbid(state: DeploymentState, type: CfgType): string {
  const dbid = state.nextDbid[type];
  state.nextDbid[type] = dbid + 1;
  return String(dbid);
}

function emptyState(seed: DeploymentSeed): DeploymentState {
  const objects = Object.fromEntries(CFG_TYPES.map((type) => [type, new Map()])) as DeploymentState["objects"];
  const nextDbid = Object.fromEntries(CFG_TYPES.map((type) => [type, 101])) as DeploymentState["nextDbid"];
  return {
    name: seed.name,
    layout: seed.layout,
    passwordMode: seed.passwordMode,
    sessionTimeoutSeconds: seed.sessionTimeoutSeconds,
    gaxApplication: seed.gaxApplication,
    ignoredQueryParameters: seed.ignoredQueryParameters,
    objects,
    nextDbid,
    credentials: new Map(),
    acl: [],
    sessions: new Map(),
  };
}

function insert(state: DeploymentState, object: AnyCfgObject) {
  state.objects[object.type].set(object.dbid, object);
}

/** Builds the live state of one deployment from its (validated) seed, assigning DBIDs in seed order. */
export function buildDeploymentState(seed: DeploymentSeed): DeploymentState {
  const state = emptyState(seed);
  const tenantDbid = new Map<string, string>();
  const folderDbid = new Map<string, string>(); // "tenant/holds/name"
  const firstFolder = new Map<string, string>(); // "tenant/holds"
  const groupDbid = new Map<string, string>(); // "tenant/name"
  const personDbid = new Map<string, string>();

  const root = rootTenantName(seed);
  const tenants = [...seed.tenants].sort((a, b) => Number(b.name === root) - Number(a.name === root));
  for (const tenant of tenants) {
    const dbid = tenant.name === root ? String(ENVIRONMENT_TENANT_DBID) : allocateDbid(state, "CfgTenant");
    tenantDbid.set(tenant.name, dbid);
    insert(state, {
      type: "CfgTenant",
      dbid,
      name: tenant.name,
      state: "CFGEnabled",
      isserviceprovider: "CFGFalse",
      userproperties: { property: [] },
    });
    for (const folder of tenant.folders ?? standardFolders(tenant.name, seed.layout)) {
      const folderId = allocateDbid(state, "CfgFolder");
      folderDbid.set(`${tenant.name}/${folder.holds}/${folder.name}`, folderId);
      if (!firstFolder.has(`${tenant.name}/${folder.holds}`))
        firstFolder.set(`${tenant.name}/${folder.holds}`, folderId);
      insert(state, {
        type: "CfgFolder",
        dbid: folderId,
        name: folder.name,
        subtype: OBJECT_TYPE_ENUM[folder.holds],
        ownerdbid: dbid,
        ownertype: "CFGTenant",
        folderclass: "CFGFCDefault",
        state: "CFGEnabled",
        userproperties: { property: [] },
      });
    }
  }
  const tenantsFolder = firstFolder.get(`${ENVIRONMENT_TENANT_NAME}/CfgTenant`);
  if (tenantsFolder) {
    for (const tenant of state.objects.CfgTenant.values()) {
      if (tenant.dbid !== String(ENVIRONMENT_TENANT_DBID)) tenant.folderid = tenantsFolder;
    }
  }
  addGaxApplication(state, firstFolder.get(`${root}/CfgApplication`));
  const tenantOf = (name: string) => tenantDbid.get(name) as string;
  const folderFor = (tenant: string, holds: CfgType) => firstFolder.get(`${tenant}/${holds}`);

  for (const group of seed.accessGroups) {
    const dbid = allocateDbid(state, "CfgAccessGroup");
    groupDbid.set(`${group.tenant}/${group.name}`, dbid);
    insert(state, {
      type: "CfgAccessGroup",
      dbid,
      name: group.name,
      tenantdbid: tenantOf(group.tenant),
      folderid: folderFor(group.tenant, "CfgAccessGroup"),
      state: "CFGEnabled",
      memberids: { idtype: [] },
      userproperties: { property: [] },
    });
  }
  for (const person of seed.persons) {
    const dbid = allocateDbid(state, "CfgPerson");
    personDbid.set(person.username, dbid);
    insert(state, {
      type: "CfgPerson",
      dbid,
      tenantdbid: tenantOf(person.tenant),
      folderid: folderFor(person.tenant, "CfgPerson"),
      username: person.username,
      firstname: person.firstName,
      lastname: person.lastName,
      employeeid: person.username,
      isagent: person.isAgent ? "CFGTrue" : "CFGFalse",
      state: "CFGEnabled",
      userproperties: { property: [] },
    });
    state.credentials.set(dbid, {
      plain: person.password,
      obscured: person.obscuredPassword ?? obscureGaxPassword(person.password),
      isDefaultUser: person.isDefaultUser,
    });
    for (const groupName of person.accessGroups) {
      const group = getObject(state, "CfgAccessGroup", groupDbid.get(`${person.tenant}/${groupName}`) as string);
      group?.memberids.idtype.push({ dbid, type: "CFGPerson" });
    }
  }
  for (const transaction of seed.transactions) {
    insert(state, {
      type: "CfgTransaction",
      dbid: allocateDbid(state, "CfgTransaction"),
      tenantdbid: tenantOf(transaction.tenant),
      folderid: folderDbid.get(`${transaction.tenant}/CfgTransaction/${transaction.folder}`),
      name: transaction.name,
      alias: transaction.alias,
      subtype: transaction.subtype,
      recordperiod: "0",
      state: transaction.state,
      userproperties: {
        property: Object.entries(transaction.userProperties).flatMap(([section, keys]) =>
          Object.entries(keys).map(([key, value]) => ({ section, key, value })),
        ),
      },
    });
  }
  for (const entry of seed.acl) {
    const objectDbid = resolveAclTarget(state, entry.on, tenantOf(entry.on.tenant));
    const account: AccountRef =
      "person" in entry.account
        ? { type: "CFGPerson", dbid: personDbid.get(entry.account.person) as string }
        : {
            type: "CFGAccessGroup",
            dbid: groupDbid.get(`${entry.account.tenant}/${entry.account.accessGroup}`) as string,
          };
    state.acl.push({ objectType: entry.on.type, objectDbid, account, mask: entry.mask });
  }
  return state;
}

/** The GAX application object, in the root tenant's folder of applications (created after the tenants' folders). */
function addGaxApplication(state: DeploymentState, seededFolder: string | undefined) {
  let folderid = seededFolder;
  if (!folderid) {
    folderid = allocateDbid(state, "CfgFolder");
    insert(state, {
      type: "CfgFolder",
      dbid: folderid,
      name: "Applications",
      subtype: OBJECT_TYPE_ENUM.CfgApplication,
      ownerdbid: String(ENVIRONMENT_TENANT_DBID),
      ownertype: "CFGTenant",
      folderclass: "CFGFCDefault",
      state: "CFGEnabled",
      userproperties: { property: [] },
    });
  }
  insert(state, {
    type: "CfgApplication",
    dbid: allocateDbid(state, "CfgApplication"),
    name: state.gaxApplication,
    subtype: "CFGGenesysAdministratorServer",
    version: "8.5",
    isserver: "CFGTrue",
    folderid,
    state: "CFGEnabled",
    options: { property: [] },
    userproperties: { property: [] },
  });
}

/** The deployment's GAX application object, unless it was deleted. */
export function gaxApplicationOf(state: DeploymentState): CfgObjectOf<"CfgApplication"> | undefined {
  const isGax = (object: AnyCfgObject): object is CfgObjectOf<"CfgApplication"> =>
    object.type === "CfgApplication" && object.name === state.gaxApplication;
  return [...state.objects.CfgApplication.values()].find(isGax);
}

function resolveAclTarget(state: DeploymentState, on: DeploymentSeed["acl"][number]["on"], tenantDbid: string): string {
  if (on.type === "CfgTenant") return tenantDbid;
  const match = [...state.objects[on.type].values()].find((object) => {
    const objectName = object.type === "CfgPerson" ? object.username : object.name;
    const inTenant = "tenantdbid" in object ? object.tenantdbid : String(ENVIRONMENT_TENANT_DBID);
    const objectTenant = object.type === "CfgFolder" ? object.ownerdbid : inTenant;
    return objectName === on.name && objectTenant === tenantDbid;
  });
  if (!match)
    throw new Error(`Invalid GAX sandbox seed: acl target ${on.type} "${on.name}" not found in tenant "${on.tenant}"`);
  return match.dbid;
}
