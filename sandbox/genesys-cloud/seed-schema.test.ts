import { describe, expect, it } from "vitest";
import { defaultGenesysSeed } from "./default-seed";
import { parseGenesysSeed } from "./seed-schema";

const clone = () => structuredClone(defaultGenesysSeed) as unknown as { orgs: Record<string, unknown>[] };

describe("Genesys Cloud sandbox seed", () => {
  it("ships a valid default seed with three orgs, each with Home, admin, employee and a bootstrap client", () => {
    expect(defaultGenesysSeed.orgs).toHaveLength(4);
    for (const org of defaultGenesysSeed.orgs) {
      expect(org.divisions.filter((d) => d.homeDivision)).toHaveLength(1);
      expect(org.roles.map((r) => r.defaultRoleId)).toEqual(expect.arrayContaining(["admin", "employee"]));
      const admin = org.roles.find((r) => r.defaultRoleId === "admin");
      expect(org.oauthClients[0]?.authorizedGrantType).toBe("CLIENT-CREDENTIALS");
      expect(org.oauthClients[0]?.roleDivisions[0]?.roleId).toBe(admin?.id);
    }
  });

  it("names the field and the rule for a bad value", () => {
    const seed = clone();
    (seed.orgs[0] as { thirdPartyOrgName: string }).thirdPartyOrgName = "Acme EU";
    expect(() => parseGenesysSeed(seed)).toThrow(
      /orgs\.0\.thirdPartyOrgName: must be lower-case letters, digits and dashes/,
    );
  });

  it("requires exactly one Home division", () => {
    const seed = clone();
    (seed.orgs[0] as { divisions: { homeDivision: boolean }[] }).divisions.forEach((d) => (d.homeDivision = false));
    expect(() => parseGenesysSeed(seed)).toThrow(
      /orgs\.0\.divisions: must hold exactly one division with homeDivision: true \(found 0\)/,
    );
  });

  it("rejects grants that point at unknown roles", () => {
    const seed = clone();
    const client = (seed.orgs[1] as { oauthClients: { roleDivisions: { roleId: string }[] }[] }).oauthClients[0]!;
    client.roleDivisions[0]!.roleId = "99999999-0000-4000-8000-000000000000";
    expect(() => parseGenesysSeed(seed)).toThrow(
      /orgs\.1\.oauthClients\.0\.roleDivisions\.0\.roleId: no role 99999999/,
    );
  });

  it("rejects duplicate org short names and token lifetimes out of range", () => {
    const seed = clone();
    (seed.orgs[2] as { thirdPartyOrgName: string }).thirdPartyOrgName = "acme-eu";
    expect(() => parseGenesysSeed(seed)).toThrow(/org short name \(thirdPartyOrgName\) acme-eu appears more than once/);
    const seed2 = clone();
    (
      seed2.orgs[0] as { oauthClients: { accessTokenValiditySeconds: number }[] }
    ).oauthClients[0]!.accessTokenValiditySeconds = 60;
    expect(() => parseGenesysSeed(seed2)).toThrow(/orgs\.0\.oauthClients\.0\.accessTokenValiditySeconds/);
  });
});
