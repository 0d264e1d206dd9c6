import {
  isSingleTenantName,
  SINGLE_TENANT_NAMES,
  type SingleTenantDetection,
  type SingleTenantName,
  type TenantRef,
} from "./bridge";

const listed = (tenants: TenantRef[]) =>
  tenants.length > 0 ? tenants.map((tenant) => tenant.name).join(", ") : "none";
const isCandidate = (tenant: TenantRef): tenant is TenantRef & { name: SingleTenantName } =>
  isSingleTenantName(tenant.name);

/**
 * Judges the tenants a GAX user can read. The names are compared here, not in a GAX query filter, so a GAX
 * that ignored the filter could not make another tenant look like the one.
 */
export function judgeSingleTenant(visible: TenantRef[], username: string): SingleTenantDetection {
  const candidates = visible.filter(isCandidate);
  const [only] = candidates;
  if (only && candidates.length === 1) return { status: "found", tenant: { dbid: only.dbid, name: only.name } };
  const choose = `Choose ${SINGLE_TENANT_NAMES.join(" or ")} on the deployment.`;
  if (candidates.length > 1) {
    return {
      status: "both",
      seen: candidates,
      message:
        `GAX user "${username}" sees both an ${SINGLE_TENANT_NAMES.join(" and a ")} tenant, so which one holds ` +
        "hybrid_integration cannot be told (a Configuration Server with both may be multi-tenant: check the " +
        `deployment's layout). ${choose}`,
    };
  }
  return {
    status: "neither",
    seen: visible,
    message:
      `GAX user "${username}" sees neither an ${SINGLE_TENANT_NAMES.join(" nor a ")} tenant (it sees: ` +
      `${listed(visible)}). Check that this is a single-tenant Configuration Server and that the user may read ` +
      `its tenant, or ${choose.charAt(0).toLowerCase()}${choose.slice(1)}`,
  };
}
