import { describe, expect, it } from "vitest";
import { ApiError } from "./http/errors";
import { requireScope } from "./scopes";

describe("requireScope", () => {
  it("passes unscoped tokens, and scoped ones holding one of the route's scopes", () => {
    expect(() => requireScope([], "GET /api/v2/anything/new")).not.toThrow();
    expect(() => requireScope(["organization:readonly"], "GET /api/v2/organizations/me")).not.toThrow();
  });

  it("refuses a scoped token on a route without a scope entry", () => {
    let refused: unknown;
    try {
      requireScope(["journey"], "GET /api/v2/not/declared");
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 403, code: "app.not.authorized.for.scope" });
    expect((refused as Error).message).toBe("App not authorized to use scope []");
  });
});
