import { ENVIRONMENT_TENANT_DBID, OBJECT_TYPE_ENUM } from "./cfg-types";
import { conflict, invalid } from "./api-errors";
import { getObject, type DeploymentState } from "./deployment-state";
import type { AnyCfgObject } from "./object-schemas";
import { tenantDbidOf } from "./permissions";

/** Referenced tenant and folder exist; the folder belongs to the object's tenant and holds its class. */
export function checkReferences(state: DeploymentState, object: AnyCfgObject) {
  const tenantDbid = object.type === "CfgTenant" ? String(ENVIRONMENT_TENANT_DBID) : tenantDbidOf(state, object);
  const tenantAttribute = object.type === "CfgFolder" ? "ownerdbid" : "tenantdbid";
  if (object.type !== "CfgTenant" && (!tenantDbid || !getObject(state, "CfgTenant", tenantDbid))) {
    throw invalid(`${tenantAttribute}: no tenant with DBID ${tenantDbid}`);
  }
  if (object.folderid) {
    const folder = getObject(state, "CfgFolder", object.folderid);
    if (!folder) throw invalid(`folderid: no folder with DBID ${object.folderid}`);
    if (folder.ownerdbid !== tenantDbid) {
      throw invalid(
        `folderid: folder ${folder.dbid} ("${folder.name}") belongs to tenant ${folder.ownerdbid}, not to tenant ${tenantDbid}`,
      );
    }
    if (folder.subtype !== OBJECT_TYPE_ENUM[object.type]) {
      throw invalid(
        `folderid: folder ${folder.dbid} ("${folder.name}") holds ${folder.subtype} objects, not ${OBJECT_TYPE_ENUM[object.type]}`,
      );
    }
  }
  if (object.type === "CfgAccessGroup") {
    for (const member of object.memberids.idtype) {
      if (!getObject(state, "CfgPerson", member.dbid)) throw invalid(`memberids: no person with DBID ${member.dbid}`);
    }
  }
}

function sameTenant(state: DeploymentState, a: AnyCfgObject, b: AnyCfgObject) {
  return tenantDbidOf(state, a) === tenantDbidOf(state, b);
}

/** Names (and transaction aliases) are unique per class and tenant; tenant, user, application names deployment-wide. */
export function checkUniqueness(state: DeploymentState, object: AnyCfgObject) {
  for (const other of state.objects[object.type].values()) {
    if (other.dbid === object.dbid) continue;
    switch (object.type) {
      case "CfgTenant":
        if (other.type === "CfgTenant" && other.name === object.name)
          throw conflict(`name: a tenant named "${object.name}" already exists (DBID ${other.dbid})`);
        break;
      case "CfgPerson":
        if (other.type === "CfgPerson" && other.username === object.username) {
          throw conflict(`username: a person with user name "${object.username}" already exists (DBID ${other.dbid})`);
        }
        break;
      case "CfgFolder":
        if (
          other.type === "CfgFolder" &&
          other.name === object.name &&
          other.ownerdbid === object.ownerdbid &&
          other.folderid === object.folderid
        ) {
          throw conflict(`name: a folder named "${object.name}" already exists there (DBID ${other.dbid})`);
        }
        break;
      case "CfgTransaction":
        if (other.type !== "CfgTransaction" || !sameTenant(state, object, other)) break;
        if (other.name === object.name)
          throw conflict(
            `name: transaction "${object.name}" already exists in tenant ${object.tenantdbid} (DBID ${other.dbid})`,
          );
        if (other.alias === object.alias) {
          throw conflict(
            `alias: alias "${object.alias}" is already used by transaction "${other.name}" (DBID ${other.dbid}) in tenant ${object.tenantdbid}`,
          );
        }
        break;
      case "CfgApplication":
        if (other.type === "CfgApplication" && other.name === object.name) {
          throw conflict(`name: an application named "${object.name}" already exists (DBID ${other.dbid})`);
        }
        break;
      case "CfgAccessGroup":
        if (other.type === "CfgAccessGroup" && sameTenant(state, object, other) && other.name === object.name) {
          throw conflict(
            `name: access group "${object.name}" already exists in tenant ${object.tenantdbid} (DBID ${other.dbid})`,
          );
        }
        break;
    }
  }
}

const IMMUTABLE_ATTRIBUTES = ["type", "dbid", "tenantdbid", "ownerdbid", "ownertype"] as const;

/** Class, DBID, tenant and owner never change; nor does a transaction's, folder's or application's subtype. */
export function checkImmutable(existing: AnyCfgObject, next: AnyCfgObject) {
  const before = existing as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const fixed: string[] = [...IMMUTABLE_ATTRIBUTES];
  if (["CfgTransaction", "CfgFolder", "CfgApplication"].includes(existing.type)) fixed.push("subtype");
  for (const attribute of fixed) {
    if (before[attribute] !== after[attribute]) {
      throw invalid(
        `${attribute}: cannot be changed (is "${String(before[attribute])}", request has "${String(after[attribute])}")`,
      );
    }
  }
}

/** Folders and tenants that still hold objects cannot be deleted. */
export function checkDeletable(state: DeploymentState, object: AnyCfgObject) {
  const holds = (candidate: AnyCfgObject) =>
    object.type === "CfgFolder"
      ? candidate.folderid === object.dbid
      : object.type === "CfgTenant" && tenantDbidOf(state, candidate) === object.dbid && candidate !== object;
  if (object.type !== "CfgFolder" && object.type !== "CfgTenant") return;
  for (const objects of Object.values(state.objects)) {
    for (const candidate of objects.values()) {
      if (holds(candidate))
        throw conflict(`dbid: ${object.type} ${object.dbid} is not empty (holds ${candidate.type} ${candidate.dbid})`);
    }
  }
}
