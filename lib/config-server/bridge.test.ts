import { describe, expect, it } from "vitest";
import { ENVIRONMENT_TENANT, targetTenantName } from "./bridge";

describe("targetTenantName", () => {
  it("writes a single-tenant deployment to Environment and a multi-tenant one to the tenant, never to Environment", () => {
    expect(targetTenantName("single-tenant")).toBe(ENVIRONMENT_TENANT);
    expect(targetTenantName("single-tenant", "Acme")).toBe(ENVIRONMENT_TENANT);
    expect(targetTenantName("multi-tenant", "Acme")).toBe("Acme");
    expect(() => targetTenantName("multi-tenant")).toThrow(/tenantName: a multi-tenant deployment needs the tenant's own name/);
    expect(() => targetTenantName("multi-tenant", ENVIRONMENT_TENANT)).toThrow(/never the shared Environment tenant/);
  });
});
