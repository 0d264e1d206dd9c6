import {
  ADMIN_USERS,
  CLIENT_CREDENTIALS_CLIENT,
  CONNECT_ORG,
  EMPLOYEE_ROLE,
  IDENTITY_PROVIDER,
  NETWORK_ALLOW_LIST,
  SAML2_BEARER_CLIENT,
  SAML_KEY_MATERIAL,
  SMOKE_TEST,
  TENANT_ISOLATION,
  TRANSACTION_OBJECT,
} from "../model/step-keys";
// What each step needs from the bootstrap client, per Platform API call, with the published source of each permission:
// the "Requires ANY/ALL permissions" line of the operation in the official Platform API SDK docs
// (purecloud-platform-client-v2, build/docs/<Api>.md; the same text as the API Explorer on developer.genesys.cloud).
// Calls that need no permission (GET /organizations/me, /authorization/divisions/home, /users) are not listed.

import { SERVICES } from "../model/services";

/** One Platform API call a step makes as the bootstrap client, and the permission it needs. */
interface PermissionUse {
  permission: string;
  call: string;
  /** Where the requirement is published: the SDK docs page and operation. */
  source: string;
}

/** The built-in roles the procedure grants; Genesys Cloud lets a caller grant only roles it holds itself. */
export type GrantedRole = "admin";

interface StepAccess {
  uses: readonly PermissionUse[];
  /** Roles the step grants to a client or to users: the bootstrap client must hold them. */
  grantsRoles: readonly GrantedRole[];
}

const needs = ({
  call,
  permission,
  api,
  operation,
}: {
  call: string;
  permission: string;
  api: string;
  operation: string;
}): PermissionUse => ({
  permission,
  call,
  source: `SDK docs ${api}.md, ${operation}`,
});

const AUTHORIZATION = "AuthorizationApi";
const ROLES = "/api/v2/authorization/roles";
const readRoles = needs({
  call: `GET ${ROLES}`,
  permission: "authorization:role:view",
  api: AUTHORIZATION,
  operation: "getAuthorizationRoles",
});

/** Find, create, update, re-key and (on manual completion) read an OAuth client: `oauth-client-step.ts`. */
const oauthClientUses = [
  needs({
    call: "GET /api/v2/oauth/clients",
    permission: "oauth:client:view",
    api: "OAuthApi",
    operation: "getOauthClients",
  }),
  needs({
    call: "GET /api/v2/oauth/clients/{clientId}",
    permission: "oauth:client:view",
    api: "OAuthApi",
    operation: "getOauthClient",
  }),
  needs({
    call: "POST /api/v2/oauth/clients",
    permission: "oauth:client:add",
    api: "OAuthApi",
    operation: "postOauthClients",
  }),
  needs({
    call: "PUT /api/v2/oauth/clients/{clientId}",
    permission: "oauth:client:edit",
    api: "OAuthApi",
    operation: "putOauthClient",
  }),
  needs({
    call: "POST /api/v2/oauth/clients/{clientId}/secret",
    permission: "oauth:client:edit",
    api: "OAuthApi",
    operation: "postOauthClientSecret",
  }),
];

/** A client-credentials client gets the admin role in the Home division: the role is looked up, then granted. */
const clientCredentialsClient: StepAccess = { uses: [...oauthClientUses, readRoles], grantsRoles: ["admin"] };

const nothing: StepAccess = { uses: [], grantsRoles: [] };

const PUREENGAGE = "/api/v2/identityproviders/pureengage";
const SUBJECT = "/api/v2/authorization/subjects/{subjectId}";

/** Step key -> what the step needs. Every step of the catalogue has an entry (a test checks it). */
export const STEP_ACCESS: Readonly<Record<string, StepAccess>> = {
  // The preflight itself: the bootstrap client reads its own OAuth client (its role grants) and those roles.
  [CONNECT_ORG]: {
    uses: [
      needs({
        call: "GET /api/v2/oauth/clients/{clientId}",
        permission: "oauth:client:view",
        api: "OAuthApi",
        operation: "getOauthClient",
      }),
      needs({
        call: `GET ${ROLES}/{roleId}`,
        permission: "authorization:role:view",
        api: AUTHORIZATION,
        operation: "getAuthorizationRole",
      }),
    ],
    grantsRoles: [],
  },
  [CLIENT_CREDENTIALS_CLIENT]: clientCredentialsClient,
  // A service's own client (the ewt client, ...) is a client-credentials client: the service signs in as itself.
  ...Object.fromEntries(
    SERVICES.flatMap((service) => ("client" in service ? [[service.client.step, clientCredentialsClient]] : [])),
  ),
  [SAML2_BEARER_CLIENT]: { uses: oauthClientUses, grantsRoles: [] },
  [SAML_KEY_MATERIAL]: nothing,
  // The docs require ANY of add and edit for the PUT without saying which one counts when; the step creates the
  // provider and later updates it (drift, certificate rotation), so both are asked for. The sandbox checks add when
  // it creates, edit when it updates.
  [IDENTITY_PROVIDER]: {
    uses: [
      needs({
        call: "GET /api/v2/identityproviders",
        permission: "sso:provider:view",
        api: "IdentityProviderApi",
        operation: "getIdentityproviders",
      }),
      needs({
        call: `GET ${PUREENGAGE}`,
        permission: "sso:provider:view",
        api: "IdentityProviderApi",
        operation: "getIdentityprovidersPureengage",
      }),
      needs({
        call: `PUT ${PUREENGAGE} (create)`,
        permission: "sso:provider:add",
        api: "IdentityProviderApi",
        operation: "putIdentityprovidersPureengage",
      }),
      needs({
        call: `PUT ${PUREENGAGE} (update)`,
        permission: "sso:provider:edit",
        api: "IdentityProviderApi",
        operation: "putIdentityprovidersPureengage",
      }),
    ],
    grantsRoles: [],
  },
  [EMPLOYEE_ROLE]: {
    uses: [
      readRoles,
      needs({
        call: `GET ${ROLES}/{roleId}`,
        permission: "authorization:role:view",
        api: AUTHORIZATION,
        operation: "getAuthorizationRole",
      }),
      needs({
        call: `PUT ${ROLES}/{roleId}`,
        permission: "authorization:role:edit",
        api: AUTHORIZATION,
        operation: "putAuthorizationRole",
      }),
    ],
    grantsRoles: [],
  },
  [ADMIN_USERS]: {
    uses: [
      readRoles,
      needs({
        call: "POST /api/v2/users/search",
        permission: "directory:user:view",
        api: "UsersApi",
        operation: "postUsersSearch",
      }),
      needs({ call: "POST /api/v2/users", permission: "directory:user:add", api: "UsersApi", operation: "postUsers" }),
      needs({
        call: `GET ${SUBJECT}`,
        permission: "authorization:grant:view",
        api: AUTHORIZATION,
        operation: "getAuthorizationSubject",
      }),
      needs({
        call: `POST ${SUBJECT}/bulkadd`,
        permission: "authorization:grant:add",
        api: AUTHORIZATION,
        operation: "postAuthorizationSubjectBulkadd",
      }),
    ],
    grantsRoles: ["admin"],
  },
  [TRANSACTION_OBJECT]: nothing,
  [TENANT_ISOLATION]: nothing,
  [NETWORK_ALLOW_LIST]: nothing,
  // Signs in with the SAML2 bearer client and probes with the user's token; the bootstrap client only looks up the
  // existing test agent named in the settings (smokeTestAgentEmail), counted always so that naming one later works.
  // It also reads the SAML2 bearer client when Genesys Cloud refuses it, to tell a deleted client from a lost secret.
  [SMOKE_TEST]: {
    uses: [
      needs({
        call: "POST /api/v2/users/search",
        permission: "directory:user:view",
        api: "UsersApi",
        operation: "postUsersSearch",
      }),
      needs({
        call: "GET /api/v2/oauth/clients/{clientId}",
        permission: "oauth:client:view",
        api: "OAuthApi",
        operation: "getOauthClient",
      }),
    ],
    grantsRoles: [],
  },
};

/** The distinct permissions of some steps, sorted. */
export function permissionsOf(stepKeys: readonly string[]): string[] {
  return [...new Set(stepKeys.flatMap((key) => (STEP_ACCESS[key]?.uses ?? []).map((need) => need.permission)))].sort();
}
