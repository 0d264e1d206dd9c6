// Refusals the smoke test meets, in its own terms: which recent change explains them, and what to do when none does.
import { isGenesysCloudError, type GenesysCloudError } from "@/lib/genesys-cloud";
import { EMPLOYEE_ROLE, IDENTITY_PROVIDER, SAML2_BEARER_CLIENT, SAML_KEY_MATERIAL } from "../model/step-keys";

/** The steps whose recent change explains a refusal, by what was refused (docs/provisioning.md, Propagation). */
export const EXPLAINED_BY = {
  client: [SAML2_BEARER_CLIENT],
  assertion: [SAML_KEY_MATERIAL, IDENTITY_PROVIDER],
  permission: [EMPLOYEE_ROLE],
} as const;
export type Refused = keyof typeof EXPLAINED_BY;

/** What a refusal that a recent change explains until it has propagated was about; undefined for other errors. */
export function refusedOf(error: unknown): Refused | undefined {
  if (!isGenesysCloudError(error)) return undefined;
  // 401: the client or its secret (token endpoint), or a token Genesys Cloud does not know yet (API).
  if (error.status === 401) return "client";
  if (error.status === 400 && error.code === "invalid_grant") return "assertion";
  if (error.status === 403 && error.code === "missing.permissions") return "permission";
  return undefined;
}

/** What was refused (the client's generic messages speak of the bootstrap client, not of the smoke test's). */
export function refusalOf(error: GenesysCloudError): string {
  switch (error.code) {
    case "invalid_client":
      return "401 invalid_client: Genesys Cloud does not accept the SAML2 bearer client's id and secret";
    case "bad.credentials":
    case "authentication.required":
      return `401 ${error.code}: Genesys Cloud does not accept the token the SAML2 bearer client was given`;
    case "missing.permissions":
      return `403 missing.permissions: the test agent lacks ${error.messageParams.permissions ?? "a permission"}`;
    default:
      return `${error.status} ${error.code}: ${error.operatorMessage}`;
  }
}

/**
 * Why Genesys Cloud refused the SAML2 bearer client, from a look-up with the bootstrap client: it no longer exists
 * ("deleted"), or it exists and refuses the stored secret ("secret"); undefined when the look-up could not tell.
 */
export type ClientRefusalCause = "deleted" | "secret";

/** What to do about a refusal that outlasted the propagation window (or that no recent change explains). */
export function adviceFor(error: GenesysCloudError, cause?: ClientRefusalCause): string {
  // Any 401 here is the SAML2 bearer client's or its token's, never the bootstrap client's.
  if (error.status === 401) {
    if (cause === "deleted")
      return (
        "The SAML2 bearer client no longer exists in Genesys Cloud: apply the SAML2 Bearer client step to create " +
        "it again, then the transaction object step so the desktops get its new id and secret."
      );
    if (cause === "secret")
      return (
        "Verify the SAML2 Bearer client step: the client exists but refuses the stored secret; apply regenerates " +
        "it and the transaction object gets it."
      );
    return "Verify the SAML2 Bearer client step: apply regenerates a lost secret; the transaction object gets it.";
  }
  switch (error.code) {
    case "invalid_grant":
      return "Verify the identity provider and key material steps (issuer, certificate, auto-provisioning) and clocks.";
    case "missing.permissions":
      return "Verify the employee role step: its permissions (the employeePermissions setting) must include it.";
    default:
      return "Verify the tenant to find the step that drifted.";
  }
}
