// The sandbox's in-memory model of every org, built from a validated seed.
import { expandPolicies } from "./permissions";
import type { PendingChange } from "./propagation";
import type { GenesysSandboxSeed, OrgSeed } from "./seed-schema";

export type RoleDivision = { roleId: string; divisionId: string };
export type Division = OrgSeed["divisions"][number];
export type StoredPolicy = OrgSeed["roles"][number]["permissionPolicies"][number];
export type StoredRole = OrgSeed["roles"][number] & {
  /** The policies in effect until a recent change has propagated. */
  policiesChange?: PendingChange<StoredPolicy[]>;
};
export type StoredPureEngage = NonNullable<OrgSeed["pureEngage"]>;
export type StoredActionMap = OrgSeed["actionMaps"][number];

export interface StoredClient extends Omit<OrgSeed["oauthClients"][number], "roleDivisions"> {
  roleDivisions: RoleDivision[];
  dateCreated: string;
  dateModified: string;
  createdBy?: string;
  modifiedBy?: string;
  /** Set for clients created through the API: unknown to the token endpoint before this time (epoch ms). */
  knownFrom?: number;
  /** The secret in effect until a regeneration has propagated. */
  secretChange?: PendingChange<string>;
}

export interface StoredGrant extends RoleDivision {
  grantMadeAt: string;
}

export interface StoredUser {
  id: string;
  name: string;
  email: string;
  divisionId: string;
  state: "active" | "inactive";
  department?: string;
  title?: string;
  version: number;
  grants: StoredGrant[];
}

export interface OrgState {
  id: string;
  name: string;
  thirdPartyOrgName: string;
  regionDomain: string;
  maxOAuthClients: number;
  divisions: Map<string, Division>;
  roles: Map<string, StoredRole>;
  users: Map<string, StoredUser>;
  clients: Map<string, StoredClient>;
  pureEngage: StoredPureEngage | null;
  roleListPolicies: OrgSeed["roleListPolicies"];
  unlicensedDomains: string[];
  /** The provider in effect for the SAML2 bearer grant until a recent put or delete has propagated. */
  pureEngageChange?: PendingChange<StoredPureEngage | null>;
  actionMaps: StoredActionMap[];
}

export type TokenSubject = { kind: "client"; clientId: string } | { kind: "user"; userId: string; clientId: string };

export interface IssuedToken {
  orgId: string;
  subject: TokenSubject;
  /** The client's scopes when the token was issued; empty means not limited by scope (client credentials). */
  scopes: string[];
  expiresAt: number;
}

export interface RequestRecord {
  at: string;
  method: string;
  path: string;
  status: number | "dropped";
}

export interface SandboxState {
  orgs: Map<string, OrgState>;
  tokens: Map<string, IssuedToken>;
  requests: RequestRecord[];
}

export const SEED_TIME = "2026-01-01T00:00:00.000Z";
const MAX_REQUEST_RECORDS = 5000;

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

/** The provider with both certificate fields filled, as the API answers them. */
function pureEngageFromSeed(provider: StoredPureEngage): StoredPureEngage {
  return { ...structuredClone(provider), certificates: [...(provider.certificates ?? [provider.certificate])] };
}

function orgFromSeed(org: OrgSeed): OrgState {
  return {
    id: org.id,
    name: org.name,
    thirdPartyOrgName: org.thirdPartyOrgName,
    regionDomain: org.regionDomain,
    maxOAuthClients: org.maxOAuthClients,
    divisions: byId(structuredClone(org.divisions)),
    roles: byId(
      org.roles.map((role) => ({
        ...structuredClone(role),
        permissionPolicies: expandPolicies(role.permissionPolicies),
      })),
    ),
    users: byId(
      org.users.map(({ roleGrants, ...user }) => ({
        ...structuredClone(user),
        version: 1,
        grants: roleGrants.map((grant) => ({ ...grant, grantMadeAt: SEED_TIME })),
      })),
    ),
    clients: byId(
      org.oauthClients.map((client) => ({
        ...structuredClone(client),
        dateCreated: SEED_TIME,
        dateModified: SEED_TIME,
      })),
    ),
    pureEngage: org.pureEngage ? pureEngageFromSeed(org.pureEngage) : null,
    roleListPolicies: org.roleListPolicies,
    unlicensedDomains: [...org.unlicensedDomains],
    actionMaps: structuredClone(org.actionMaps),
  };
}

export function buildState(seed: GenesysSandboxSeed): SandboxState {
  return { orgs: new Map(seed.orgs.map((org) => [org.id, orgFromSeed(org)])), tokens: new Map(), requests: [] };
}

export function recordRequest(state: SandboxState, record: RequestRecord): void {
  state.requests.push(record);
  if (state.requests.length > MAX_REQUEST_RECORDS)
    state.requests.splice(0, state.requests.length - MAX_REQUEST_RECORDS);
}

export function findClientAnywhere(
  state: SandboxState,
  clientId: string,
): { org: OrgState; client: StoredClient } | undefined {
  for (const org of state.orgs.values()) {
    const client = org.clients.get(clientId);
    if (client) return { org, client };
  }
  return undefined;
}

export function findOrgByShortName(state: SandboxState, shortName: string): OrgState | undefined {
  return [...state.orgs.values()].find((org) => org.thirdPartyOrgName === shortName);
}

export function homeDivision(org: OrgState): Division {
  const home = [...org.divisions.values()].find((d) => d.homeDivision);
  if (!home) throw new Error(`org ${org.thirdPartyOrgName} has no Home division`);
  return home;
}

export function roleByDefaultId(org: OrgState, defaultRoleId: string): StoredRole | undefined {
  return [...org.roles.values()].find((role) => role.defaultRoleId === defaultRoleId);
}

const clientWithoutSecrets = ({ secret: _secret, secretChange: _previous, ...client }: StoredClient) => client;

/** JSON view of the whole state for `GET /__sandbox/state`: secrets and token values left out. */
export function snapshot(state: SandboxState) {
  return {
    orgs: [...state.orgs.values()].map((org) => ({
      id: org.id,
      name: org.name,
      thirdPartyOrgName: org.thirdPartyOrgName,
      regionDomain: org.regionDomain,
      maxOAuthClients: org.maxOAuthClients,
      divisions: [...org.divisions.values()],
      roles: [...org.roles.values()].map(({ policiesChange: _pending, ...role }) => role),
      users: [...org.users.values()],
      oauthClients: [...org.clients.values()].map(clientWithoutSecrets),
      pureEngage: org.pureEngage,
      actionMaps: org.actionMaps,
      activeTokens: [...state.tokens.values()].filter((t) => t.orgId === org.id && t.expiresAt > Date.now()).length,
    })),
    requests: state.requests,
  };
}
