import { describe, expect, it } from "vitest";
import { DesiredObjectInputError, desiredHybridIntegration, withAnnexSection } from "./desired-object";
import { sampleInput } from "./test-fixtures";

const asMap = (input = sampleInput()) =>
  Object.fromEntries(
    desiredHybridIntegration(input).entries.map((entry) => [`${entry.section}/${entry.key}`, entry.value]),
  );

describe("desiredHybridIntegration", () => {
  it("computes every section from the provisioning data", () => {
    expect(asMap()).toEqual({
      "general/organization_sname": "acme",
      "general/organization_id": "5f3b7c1e-9a2d-4e8f-b6c1-2d3e4f5a6b7c",
      "general/default_agent_role_name": "employee",
      "general/default_admin_role_name": "admin",
      "general/base_auth_url": "https://login.mypurecloud.de/oauth/token",
      "general/base_service_url": "https://api.mypurecloud.de/api/",
      "general/organization_domain_suffix": "com",
      "saml/issuer": "https://www.genesys.com/pureengage",
      "saml/certificate": "TUlJQ2VydGlmaWNhdGU=",
      "saml/pkey": "RW5jcnlwdGVkS2V5QmFzZTY0",
      "saml/password": "key-password-1",
      "saml/expire_time": "24",
      "saml_auth/client_id": "saml-client",
      "saml_auth/password": "saml-secret-1",
      "ewt/client_id": "ewt-client",
      "ewt/password": "ewt-secret-1",
    });
    const desired = desiredHybridIntegration(sampleInput());
    expect(desired).toMatchObject({ name: "hybrid_integration", alias: "hybrid_integration", annexSection: "general" });
  });

  it("marks the private key and the passwords as secrets, and only those", () => {
    const secrets = desiredHybridIntegration(sampleInput())
      .entries.filter((entry) => entry.secret)
      .map((entry) => `${entry.section}/${entry.key}`);
    expect(secrets).toEqual(["saml/pkey", "saml/password", "saml_auth/password", "ewt/password"]);
  });

  it("leaves out ewt when the Agent Pacing Service is not enabled, and requires it when it is", () => {
    const withoutPacing = asMap(sampleInput({ serviceClients: [] }));
    expect(Object.keys(withoutPacing).filter((key) => key.startsWith("ewt/"))).toEqual([]);
    const withoutSecret = [{ service: "Agent Pacing Service", section: "ewt", clientId: "ewt-client" }];
    expect(() => desiredHybridIntegration(sampleInput({ serviceClients: withoutSecret }))).toThrow(
      /serviceClients\.0\.clientSecret is required when the Agent Pacing Service is enabled/,
    );
    expect(Object.keys(asMap(sampleInput({ serviceClients: undefined })))).not.toContain("ewt/client_id");
  });

  it("honours expire_time, the domain suffix, the annex section and base64 written with line breaks", () => {
    const map = asMap(
      sampleInput({
        expireTimeHours: 8,
        organizationDomainSuffix: "NET",
        annexSection: "annex",
        certificateBase64: "TUlJQ2Vy\ndGlmaWNhdGU=\n",
      }),
    );
    expect(map["saml/expire_time"]).toBe("8");
    expect(map["annex/organization_domain_suffix"]).toBe("net");
    expect(map["general/organization_domain_suffix"]).toBeUndefined();
    expect(map["saml/certificate"]).toBe("TUlJQ2VydGlmaWNhdGU=");
  });

  it("rejects bad input naming each field and its rule", () => {
    try {
      desiredHybridIntegration(
        sampleInput({ orgId: "nope", regionDomain: "not a domain", certificateBase64: "***", keyPassword: "" }),
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DesiredObjectInputError);
      const fields = (error as DesiredObjectInputError).problems.map((problem) => problem.field);
      expect(fields).toEqual(["orgId", "regionDomain", "certificateBase64", "keyPassword"]);
      expect((error as Error).message).toMatch(/orgId must be the organization id \(a UUID\)/);
      expect((error as Error).message).not.toContain("key-password-1");
    }
  });

  it("moves the annex key to a deployment's annex section", () => {
    const moved = withAnnexSection(desiredHybridIntegration(sampleInput()), "annex");
    expect(moved.entries.find((entry) => entry.annex)).toMatchObject({
      section: "annex",
      key: "organization_domain_suffix",
    });
    expect(moved.entries.filter((entry) => entry.section === "general")).toHaveLength(6);
  });
});
