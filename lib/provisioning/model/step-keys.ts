// Every step's key, in catalogue order: plain strings, so the preflight below the steps, browser code and specs can
// name a step without loading it. A service's client step is keyed where the service is declared (services.ts).
import { clientStepOf } from "./services";

export const CONNECT_ORG = "connect-org";
export const CLIENT_CREDENTIALS_CLIENT = "client-credentials-client";
export const EWT_CLIENT = clientStepOf("agent-pacing");
export const SAML2_BEARER_CLIENT = "saml2-bearer-client";
export const SAML_KEY_MATERIAL = "saml-key-material";
export const IDENTITY_PROVIDER = "identity-provider";
export const EMPLOYEE_ROLE = "employee-role";
export const ADMIN_USERS = "admin-users";
export const TRANSACTION_OBJECT = "transaction-object";
export const TENANT_ISOLATION = "tenant-isolation";
export const NETWORK_ALLOW_LIST = "network-allow-list";
export const SMOKE_TEST = "smoke-test";
