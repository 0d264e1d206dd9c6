import { catalogue } from "@/lib/provisioning";
import { PHASES, type Phase } from "@/lib/provisioning";

/** Operator words for the phases of the catalogue. */
export const PHASE_LABELS: Record<Phase, string> = {
  "genesys-cloud": "Genesys Cloud",
  "key-material": "Key material",
  "on-premises": "On-premises",
  network: "Network",
  "smoke-test": "Smoke test",
};

/** The phases that have at least one step in the catalogue, in order. */
export const cataloguePhases = (): Phase[] => PHASES.filter((phase) => catalogue.some((step) => step.phase === phase));
