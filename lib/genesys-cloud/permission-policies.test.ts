import { describe, expect, it } from "vitest";
import { policiesGrant } from "./permission-policies";

describe("policiesGrant", () => {
  it("matches domain, entity and action, and counts wildcards in answers that still carry them", () => {
    const explicit = [{ domain: "oauth", entityName: "client", actionSet: ["view", "edit"] }];
    expect(policiesGrant(explicit, "oauth:client:edit")).toBe(true);
    expect(policiesGrant(explicit, "oauth:client:add")).toBe(false);
    expect(policiesGrant(explicit, "sso:client:view")).toBe(false);
    expect(policiesGrant([{ domain: "sso", entityName: "*", actionSet: ["add"] }], "sso:provider:add")).toBe(true);
    expect(policiesGrant([{ domain: "sso", entityName: "provider", actionSet: ["*"] }], "sso:provider:delete")).toBe(
      true,
    );
    expect(policiesGrant([{ domain: "sso", entityName: "*", actionSet: ["*"] }], "oauth:client:view")).toBe(false);
  });
});
