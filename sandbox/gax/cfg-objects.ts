import { isCfgType, MASK, OBJECT_TYPE_ENUM, type CfgType } from "./cfg-types";
import { forbidden, invalid, notFound } from "./api-errors";
import { checkDeletable, checkImmutable, checkReferences, checkUniqueness } from "./config-rules";
import { allocateDbid, getObject, type DeploymentState } from "./deployment-state";
import { matchesFilters, parseFilters, type FilterExpression } from "./filters";
import { filterableAttributes, parseCfgObject, type AnyCfgObject } from "./object-schemas";
import { obscureGaxPassword } from "./obscure-password";
import { can, parentOf, tenantDbidOf } from "./permissions";

/** Config Server's object operations as one signed-in person performs them: every read and write checks the ACL. */

const LIST_CONTROL_PARAMETERS = new Set(["type", "brief", "filters"]);

function requireCfgType(value: string | undefined | null, attribute = "type"): CfgType {
  if (!value) throw invalid(`${attribute}: is required`);
  if (!isCfgType(value)) throw invalid(`${attribute}: unknown or unsupported object class "${value}"`);
  return value;
}

function briefForm(object: AnyCfgObject) {
  const record = object as Record<string, unknown>;
  const brief: Record<string, unknown> = {
    type: object.type,
    dbid: object.dbid,
    name: object.type === "CfgPerson" ? object.username : object.name,
  };
  for (const attribute of ["subtype", "tenantdbid", "folderid", "state"]) {
    if (record[attribute] !== undefined) brief[attribute] = record[attribute];
  }
  return brief;
}

/** The query as this GAX reads it: parameters the deployment is set to ignore are dropped (as some GAX build might). */
function effectiveQuery(state: DeploymentState, query: URLSearchParams) {
  const honoured = [...query.entries()].filter(([parameter]) => !state.ignoredQueryParameters.includes(parameter));
  return new URLSearchParams(honoured);
}

export function listObjects(state: DeploymentState, personDbid: string, requested: URLSearchParams) {
  const query = effectiveQuery(state, requested);
  const type = requireCfgType(query.get("type"));
  const allowed = filterableAttributes(type);
  const expression: FilterExpression = query.has("filters") ? parseFilters(query.get("filters") ?? "", allowed) : [[]];
  const equalities = [...query.entries()]
    .filter(([parameter]) => !LIST_CONTROL_PARAMETERS.has(parameter))
    .map(([attribute, value]) => {
      if (!allowed.includes(attribute)) throw invalid(`${attribute}: not an attribute of ${type}`);
      return { attribute, value };
    });
  const combined = expression.map((conjunction) => [...conjunction, ...equalities]);
  const brief = query.get("brief") === "true";
  return [...state.objects[type].values()]
    .filter((object) => matchesFilters(object as Record<string, unknown>, combined))
    .filter((object) => can(state, personDbid, { object, bit: MASK.read }))
    .map((object) => (brief ? briefForm(object) : object));
}

export function readObject(
  state: DeploymentState,
  personDbid: string,
  { typeName, dbid }: { typeName: string; dbid: string },
): AnyCfgObject {
  const type = requireCfgType(typeName);
  const object = getObject(state, type, dbid);
  // An object the person may not read is invisible, as in a Config Server object list.
  if (!object || !can(state, personDbid, { object, bit: MASK.read })) throw notFound(`${type} ${dbid} does not exist`);
  return object;
}

function parseBody(type: CfgType, body: unknown) {
  const { password, ...object } = parseCfgObject(type, body) as AnyCfgObject & { password?: string };
  return { object: object as AnyCfgObject, password };
}

function typeOfBody(body: unknown): CfgType {
  const type = typeof body === "object" && body !== null ? (body as Record<string, unknown>).type : undefined;
  return requireCfgType(typeof type === "string" ? type : undefined);
}

function defaultFolder(state: DeploymentState, object: AnyCfgObject): string | undefined {
  if (object.type === "CfgTenant" || object.type === "CfgFolder") return undefined;
  const wanted = OBJECT_TYPE_ENUM[object.type];
  const tenantDbid = tenantDbidOf(state, object);
  const holdsIt = (folder: AnyCfgObject) =>
    folder.type === "CfgFolder" && folder.ownerdbid === tenantDbid && folder.subtype === wanted;
  return [...state.objects.CfgFolder.values()].find(holdsIt)?.dbid;
}

function setPassword(state: DeploymentState, personDbid: string, password: string) {
  const isDefaultUser = state.credentials.get(personDbid)?.isDefaultUser ?? false;
  state.credentials.set(personDbid, { plain: password, obscured: obscureGaxPassword(password), isDefaultUser });
}

export function createObject(state: DeploymentState, personDbid: string, body: unknown): AnyCfgObject {
  const type = typeOfBody(body);
  const { object, password } = parseBody(type, body);
  if (object.dbid !== undefined) throw invalid("dbid: must not be given when creating an object");
  object.folderid ??= defaultFolder(state, object);
  checkReferences(state, object);
  const parent = parentOf(state, object);
  if (!parent || !can(state, personDbid, { object: parent, bit: MASK.create })) {
    throw forbidden(
      `no Create permission on ${parent ? `${parent.type} ${parent.dbid}` : "the Environment"} to create a ${type}`,
    );
  }
  object.dbid = allocateDbid(state, type);
  checkUniqueness(state, object);
  state.objects[type].set(object.dbid, object);
  if (object.type === "CfgPerson" && password !== undefined) setPassword(state, object.dbid, password);
  return object;
}

export function updateObject(
  state: DeploymentState,
  personDbid: string,
  { typeName, dbid, body }: { typeName: string; dbid: string; body: unknown },
): AnyCfgObject {
  const existing = readObject(state, personDbid, { typeName, dbid });
  if (!can(state, personDbid, { object: existing, bit: MASK.change }))
    throw forbidden(`no Change permission on ${existing.type} ${dbid}`);
  const { object, password } = parseBody(typeOfBody(body), body);
  object.dbid ??= dbid;
  checkImmutable(existing, object);
  checkReferences(state, object);
  checkUniqueness(state, object);
  state.objects[existing.type].set(dbid, object);
  if (object.type === "CfgPerson" && password !== undefined) setPassword(state, dbid, password);
  return object;
}

export function deleteObject(
  state: DeploymentState,
  personDbid: string,
  { typeName, dbid }: { typeName: string; dbid: string },
) {
  const existing = readObject(state, personDbid, { typeName, dbid });
  if (!can(state, personDbid, { object: existing, bit: MASK.delete }))
    throw forbidden(`no Delete permission on ${existing.type} ${dbid}`);
  checkDeletable(state, existing);
  state.objects[existing.type].delete(dbid);
  state.acl = state.acl.filter((entry) => !(entry.objectType === existing.type && entry.objectDbid === dbid));
  if (existing.type === "CfgPerson") {
    state.credentials.delete(dbid);
    for (const [id, session] of state.sessions) if (session.personDbid === dbid) state.sessions.delete(id);
  }
}
