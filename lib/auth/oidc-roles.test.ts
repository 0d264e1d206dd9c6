import { describe, expect, it } from "vitest";
import { parseRoleMap, roleFromClaims } from "@/lib/auth/oidc-roles";

describe("OIDC claim to role mapping", () => {
  const map = parseRoleMap("hp-admins=admin, hp-ops=operator,everyone=viewer");

  it("picks the most powerful role among matching claim values", () => {
    expect(roleFromClaims({ groups: ["everyone", "hp-ops"] }, { claimName: "groups", roleMap: map })).toBe("operator");
    expect(roleFromClaims({ groups: ["hp-admins", "everyone"] }, { claimName: "groups", roleMap: map })).toBe("admin");
    expect(roleFromClaims({ role: "hp-ops" }, { claimName: "role", roleMap: map })).toBe("operator");
  });

  it("falls back to the default role, or refuses without one", () => {
    expect(roleFromClaims({ groups: ["other"] }, { claimName: "groups", roleMap: map, defaultRole: "viewer" })).toBe(
      "viewer",
    );
    expect(roleFromClaims({ groups: ["other"] }, { claimName: "groups", roleMap: map })).toBeUndefined();
    expect(roleFromClaims({}, { claimName: "groups", roleMap: map })).toBeUndefined();
  });

  it("rejects a malformed map naming the entry", () => {
    expect(() => parseRoleMap("admins=superuser")).toThrow('OIDC_ROLE_MAP entry "admins=superuser"');
    expect(() => parseRoleMap("justtext")).toThrow(/OIDC_ROLE_MAP/);
  });
});
