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
    case "missing.permissions":
      return `403 missing.permissions: the test agent lacks ${error.messageParams.permissions ?? "a permission"}`;
    default:
      return `${error.status} ${error.code}: ${error.operatorMessage}`;
  }
}

/** What to do about a refusal that outlasted the propagation window. */
export function adviceFor(error: GenesysCloudError): string {
  switch (error.code) {
    case "invalid_client":
      return "Verify the SAML2 Bearer client step: apply regenerates a lost secret; the transaction object gets it.";
    case "invalid_grant":
      return "Verify the identity provider and key material steps (issuer, certificate, auto-provisioning) and clocks.";
    case "missing.permissions":
      return "Verify the employee role step: its permissions (the employeePermissions setting) must include it.";
    default:
      return "Verify the tenant to find the step that drifted.";
  }
}
