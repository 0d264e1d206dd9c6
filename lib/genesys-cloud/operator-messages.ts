// Genesys error codes in operator language: what failed and what to do.

interface OperatorMessageInput {
  operation: string;
  status: number | undefined;
  code: string;
  message: string;
  messageParams: Record<string, string>;
  outcomeUnknown: boolean;
  host: string;
}

type Explain = (e: OperatorMessageInput) => string;

const unreachable: Explain = (e) =>
  `Could not reach Genesys Cloud at ${e.host} to ${e.operation}, or it did not answer in time. Check the network allow-list (login, api, apps and streaming hosts of the region on TCP 443) and any proxy, then retry.`;

const BY_CODE: Record<string, Explain> = {
  "missing.permissions": (e) =>
    `Could not ${e.operation}: the Genesys Cloud OAuth client lacks the permission(s) ${e.messageParams.permissions ?? e.message}. Add them to a role granted to the bootstrap client (Admin > Roles/Permissions), wait a few minutes for the change to take effect, then retry.`,
  "app.not.authorized.for.scope": (e) =>
    `Could not ${e.operation}: the OAuth client is not authorized for the OAuth scope this call needs ` +
    `(one of ${e.messageParams.scopes ?? e.message}). Add one of them to the client's scopes ` +
    "(Admin > Integrations > OAuth > the client > Scope), then retry.",
  "not.authorized": (e) =>
    `Could not ${e.operation}: ${e.message}. A client can only grant roles it holds itself: grant that role to the bootstrap client first.`,
  "auth.too.many.clients": (e) =>
    `Could not ${e.operation}: the Genesys Cloud org has reached its limit of OAuth clients. Delete OAuth clients that are no longer used (Admin > OAuth), then retry.`,
  "missing.client.roles": (e) =>
    `Could not ${e.operation}: a client-credentials OAuth client needs at least one role. Choose the roles to grant and retry.`,
  "bad.grant.type": (e) => `Could not ${e.operation}: Genesys Cloud does not accept that grant type (${e.message}).`,
  "grant.type.required": (e) => `Could not ${e.operation}: the OAuth client needs a grant type.`,
  "bad.credentials": () =>
    "Genesys Cloud rejected the access token. Check that the bootstrap OAuth client still exists and is active.",
  "authentication.required": () =>
    "Genesys Cloud asked for authentication. Check the bootstrap OAuth client credentials for this org.",
  invalid_client: () =>
    "Genesys Cloud rejected the OAuth client ID or secret. Check the bootstrap client credentials entered for this org (Admin > OAuth in Genesys Cloud).",
  unauthorized_client: (e) =>
    `Genesys Cloud refused the token request: ${e.message}. Check the OAuth client's grant type.`,
  invalid_grant: (e) =>
    `Genesys Cloud refused the SAML assertion: ${e.message}. Check the PureEngage identity provider (issuer, certificate, auto-provisioning) and the clocks of both sides.`,
  invalid_request: (e) =>
    /rate limit/i.test(e.message)
      ? "The Genesys Cloud token endpoint is throttling requests. Wait a minute and retry."
      : `Genesys Cloud refused the token request: ${e.message}.`,
  "general.conflict": (e) =>
    `Could not ${e.operation}: an object with the same identity already exists (${e.message}). Use the existing one or choose another name.`,
  "not.found": (e) =>
    `Could not ${e.operation}: Genesys Cloud does not have it (${e.message}). It may have been deleted; refresh and retry.`,
  "too.many.requests": (e) =>
    `Could not ${e.operation}: Genesys Cloud kept answering "too many requests" after paced retries. Wait a minute and retry, or lower the concurrency.`,
  "invalid.response": (e) =>
    `Could not ${e.operation}: Genesys Cloud answered in an unexpected shape (${e.message}). Report this with the correlation id.`,
  // One message whether the connection was refused or timed out: which one it was would tell open ports from closed.
  "network.error": (e) => unreachable(e),
  "client.timeout": (e) => unreachable(e),
};

export function operatorMessage(e: OperatorMessageInput): string {
  if (e.outcomeUnknown) {
    return `The request to ${e.operation} was sent but no clear answer came back (${e.code}); it may or may not have taken effect. The provisioner looks the object up before trying again.`;
  }
  const explain = BY_CODE[e.code];
  if (explain) return explain(e);
  if (e.status === 400) return `Genesys Cloud refused to ${e.operation}: ${e.message}. Correct the value and retry.`;
  if (e.status !== undefined && e.status >= 500)
    return `Genesys Cloud is temporarily unable to ${e.operation} (HTTP ${e.status}). Retry in a few minutes.`;
  return `Could not ${e.operation}: Genesys Cloud answered ${e.status ?? "nothing"} ${e.code}: ${e.message}`;
}
