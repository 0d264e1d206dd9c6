import type {
  AttributeChange,
  FolderRef,
  GaxTransaction,
  HybridIntegrationPlan,
  HybridIntegrationVerification,
  TenantRef,
} from "./bridge";
import type { DesiredHybridIntegration } from "./desired-object";
import { planProperties } from "./property-plan";

export const ENABLED_STATE = "CFGEnabled";

function attributeChanges(live: GaxTransaction): AttributeChange[] {
  return live.state === ENABLED_STATE ? [] : [{ attribute: "state", from: live.state, to: ENABLED_STATE }];
}

/** Desired vs live, without side effects; secrets shown masked. */
export function planFrom(
  tenant: TenantRef,
  { live, desired, folder }: { live: GaxTransaction | null; desired: DesiredHybridIntegration; folder?: FolderRef },
): HybridIntegrationPlan {
  const properties = planProperties(desired.entries, live?.userproperties.property ?? []);
  const changes = live ? attributeChanges(live) : [];
  const changed = properties.add.length + properties.change.length + changes.length > 0;
  return {
    tenant,
    action: !live ? "create" : changed ? "update" : "none",
    folder: live ? undefined : folder,
    attributeChanges: changes,
    ...properties,
  };
}

export function verificationFrom(
  tenant: TenantRef,
  live: GaxTransaction | null,
  desired: DesiredHybridIntegration,
): HybridIntegrationVerification {
  if (!live) {
    return {
      tenant,
      status: "missing",
      objectMissing: true,
      missing: desired.entries.map(({ section, key }) => ({ section, key })),
      drifted: [],
      attributeChanges: [],
    };
  }
  const plan = planProperties(desired.entries, live.userproperties.property);
  const missing = plan.add.map(({ section, key }) => ({ section, key }));
  const drifted = plan.change.map(({ from, to, ...key }) => ({ ...key, expected: to, actual: from }));
  const changes = attributeChanges(live);
  const status = missing.length + drifted.length + changes.length > 0 ? "drifted" : "ok";
  return { tenant, status, objectMissing: false, missing, drifted, attributeChanges: changes };
}
