import { describe, expect, it } from "vitest";
import { ignoredFilters, parseOverviewParams } from "./overview-params";

describe("the overview's typed filters", () => {
  it("names a search or region the page had to ignore, and the rule it broke", () => {
    const searchParams = { q: "ac\u0000me", region: "x".repeat(201), status: "nonsense" };
    expect(parseOverviewParams(searchParams)).toMatchObject({ q: undefined, region: undefined });
    expect(ignoredFilters(searchParams)).toEqual([
      "Search (q) must not contain control characters or line breaks; it was ignored.",
      "Region (region) must be at most 200 characters; it was ignored.",
    ]);
  });

  it("has nothing to say about filters it kept", () => {
    const searchParams = { q: "  acme ", region: ["eu-west-1", "ignored second value"] };
    expect(parseOverviewParams(searchParams)).toMatchObject({ q: "acme", region: "eu-west-1" });
    expect(ignoredFilters(searchParams)).toEqual([]);
  });
});
