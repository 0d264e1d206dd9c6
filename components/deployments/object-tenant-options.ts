import { toast } from "sonner";
import type { ObjectTenantChoice } from "@/lib/provisioning";

/** The setting's choices, as the forms offer them. */
export const OBJECT_TENANT_OPTIONS: { value: ObjectTenantChoice; label: string }[] = [
  { value: "detect", label: "Detect (Environment or Resources, whichever GAX shows)" },
  { value: "Environment", label: "Environment" },
  { value: "Resources", label: "Resources" },
];

type Outcome = {
  objectTenant: { name: string; source: string } | { name: null; problem: string };
  warning: string | null;
  renamedTenant: { from: string; to: string } | null;
};

/** Says where the object goes now, or why that is not known, after a detection or a new choice. */
export function objectTenantToast(deploymentName: string, outcome: Outcome) {
  const { objectTenant, warning, renamedTenant } = outcome;
  if (objectTenant.name === null) {
    const title = `Deployment ${deploymentName}: the tenant of hybrid_integration is not known`;
    toast.warning(title, { description: objectTenant.problem });
    return;
  }
  const renamed = renamedTenant ? ` Its tenant ${renamedTenant.from} is now registered as ${renamedTenant.to}.` : "";
  const where = `hybrid_integration goes in ${objectTenant.name} (${objectTenant.source}).${renamed}`;
  if (warning) toast.warning(`Deployment ${deploymentName}: ${where}`, { description: warning });
  else toast.success(`Deployment ${deploymentName}: ${where}`);
}
