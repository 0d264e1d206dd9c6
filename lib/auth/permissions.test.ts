import { describe, expect, it } from "vitest";
import { actions, allowedActions, can } from "@/lib/auth/permissions";

describe("permission table", () => {
  it("lets admins do everything", () => {
    expect(allowedActions("admin")).toEqual([...actions]);
  });

  it("lets operators run provisioning and reveal tenant secrets, but not manage users or settings", () => {
    expect(can("operator", "provisioning.run")).toBe(true);
    expect(can("operator", "secret.reveal")).toBe(true);
    expect(can("operator", "user.manage")).toBe(false);
    expect(can("operator", "settings.manage")).toBe(false);
  });

  it("gives viewers only read actions", () => {
    expect(allowedActions("viewer").every((action) => /\.(read|view)$/.test(action))).toBe(true);
    expect(can("viewer", "provisioning.run")).toBe(false);
  });

  it("denies unknown and missing roles everything", () => {
    for (const role of ["root", "Admin", "", undefined, null, 42]) expect(allowedActions(role)).toEqual([]);
  });
});
