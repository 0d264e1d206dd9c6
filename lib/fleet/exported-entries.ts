import type { Deployment } from "@/lib/generated/prisma/client";
import { suggestedEnvName } from "./secret-source";

/** Secrets written out as references to environment variables, remembering each variable named. */
export function secretReferences() {
  const variables: string[] = [];
  const secret = (...words: string[]) => {
    const env = suggestedEnvName(...words);
    variables.push(env);
    return { env };
  };
  return { variables, secret };
}

type DeploymentFields = Pick<
  Deployment,
  "name" | "layout" | "gaxBaseUrl" | "gaxUsername" | "gaxPasswordEncrypted" | "annexSection" | "objectTenant" | "notes"
>;

/** A registered deployment as the fleet file describes it (without its tenants), its GAX password as a reference. */
export const deploymentEntry = (
  deployment: DeploymentFields,
  secret: ReturnType<typeof secretReferences>["secret"],
) => ({
  name: deployment.name,
  layout: deployment.layout,
  gaxBaseUrl: deployment.gaxBaseUrl,
  gaxUsername: deployment.gaxUsername,
  gaxPassword: secret("GAX_PASSWORD", deployment.name),
  gaxPasswordEncrypted: deployment.gaxPasswordEncrypted,
  annexSection: deployment.annexSection,
  ...(deployment.layout === "single-tenant" ? { objectTenant: deployment.objectTenant } : {}),
  ...(deployment.notes ? { notes: deployment.notes } : {}),
});
