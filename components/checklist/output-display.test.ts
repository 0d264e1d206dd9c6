import { describe, expect, it } from "vitest";
import { outputDisplay, outputLabel } from "./output-display";

describe("a step's outputs on the checklist", () => {
  it("are labelled in words, not keys", () => {
    expect(outputLabel("orgId")).toBe("Org ID");
    expect(outputLabel("cfgTenant")).toBe("Configuration Server tenant");
    expect(outputLabel("certificateExpiresAt")).toBe("Certificate expires at");
    expect(outputLabel("redirectUri")).toBe("Redirect URI");
  });

  it("leave out where a secret is sealed: the secret is listed under Secrets", () => {
    expect(outputDisplay("secretPurpose", "saml2-bearer-client.client-secret")).toBeUndefined();
  });

  it("fold PEM and JSON into blocks, and show lists of records as tables", () => {
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB\nAAAA\n-----END CERTIFICATE-----";
    expect(outputDisplay("certificatePem", pem)).toEqual({
      kind: "block",
      label: "Certificate PEM",
      value: pem,
      summary: "PEM, 4 lines",
    });
    expect(outputDisplay("settings", '{"a":1}')).toEqual({
      kind: "block",
      label: "Settings",
      value: '{\n  "a": 1\n}',
      summary: "JSON, 3 lines",
    });
    const rules = JSON.stringify([
      { service: "login", host: "login.mypurecloud.ie", port: 443 },
      { service: "api", host: "api.mypurecloud.ie", port: 443 },
    ]);
    expect(outputDisplay("rules", rules)).toEqual({
      kind: "table",
      label: "Network rules",
      columns: [
        { key: "service", label: "Service" },
        { key: "host", label: "Host" },
        { key: "port", label: "Port" },
      ],
      rows: [
        { service: "login", host: "login.mypurecloud.ie", port: "443" },
        { service: "api", host: "api.mypurecloud.ie", port: "443" },
      ],
    });
  });

  it("say lists of words and yes or no plainly", () => {
    expect(outputDisplay("seesTenants", '["Acme"]')).toEqual({
      kind: "text",
      label: "Tenants its agent sees",
      value: "Acme",
    });
    expect(outputDisplay("passwordIsEncrypted", "false")).toMatchObject({ value: "no" });
    expect(outputDisplay("orgId", "5f1c")).toEqual({ kind: "text", label: "Org ID", value: "5f1c" });
  });
});
