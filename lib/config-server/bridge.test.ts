import { describe, expect, it } from "vitest";
import { ENVIRONMENT_TENANT, RESOURCES_TENANT, targetTenantName } from "./bridge";

describe("targetTenantName", () => {
  it("writes a single-tenant deployment to its one tenant, Environment or Resources, as the deployment says", () => {
    expect(targetTenantName("single-tenant", undefined, ENVIRONMENT_TENANT)).toBe(ENVIRONMENT_TENANT);
    expect(targetTenantName("single-tenant", RESOURCES_TENANT, RESOURCES_TENANT)).toBe(RESOURCES_TENANT);
    expect(targetTenantName("single-tenant", "Acme", RESOURCES_TENANT)).toBe(RESOURCES_TENANT);
  });

  it("refuses a single-tenant deployment whose tenant is unknown or not Environment or Resources", () => {
    expect(() => targetTenantName("single-tenant")).toThrow(
      /singleTenant: a single-tenant deployment keeps hybrid_integration in its one tenant, Environment or Resources/,
    );
    expect(() => targetTenantName("single-tenant", "Acme", "Acme")).toThrow(/detect or choose it on the deployment/);
  });

  it("writes a multi-tenant deployment to the tenant's own, never to Environment", () => {
    expect(targetTenantName("multi-tenant", "Acme")).toBe("Acme");
    expect(targetTenantName("multi-tenant", "Acme", RESOURCES_TENANT)).toBe("Acme");
    expect(() => targetTenantName("multi-tenant")).toThrow(
      /tenantName: a multi-tenant deployment needs the tenant's own name/,
    );
    expect(() => targetTenantName("multi-tenant", ENVIRONMENT_TENANT)).toThrow(/never the shared Environment tenant/);
  });
});
