import { describe, expect, it } from "vitest";
import { baseUrlsForRegion, findRegionByDomain, GENESYS_CLOUD_REGIONS } from "./regions";

describe("Genesys Cloud region table", () => {
  it("lists all 18 regions with unique ids and domains", () => {
    expect(GENESYS_CLOUD_REGIONS).toHaveLength(18);
    expect(new Set(GENESYS_CLOUD_REGIONS.map((r) => r.id)).size).toBe(18);
    expect(new Set(GENESYS_CLOUD_REGIONS.map((r) => r.domain)).size).toBe(18);
  });

  it("derives the four hosts from the region domain", () => {
    const frankfurt = GENESYS_CLOUD_REGIONS.find((r) => r.id === "eu-central-1");
    expect(frankfurt?.hosts).toEqual({
      login: "login.mypurecloud.de",
      api: "api.mypurecloud.de",
      apps: "apps.mypurecloud.de",
      streaming: "streaming.mypurecloud.de",
    });
  });

  it("builds HTTPS base URLs for a region and rejects unknown ids by name", () => {
    expect(baseUrlsForRegion("eu-west-1")).toEqual({
      loginBaseUrl: "https://login.mypurecloud.ie",
      apiBaseUrl: "https://api.mypurecloud.ie",
    });
    expect(() => baseUrlsForRegion("eu-west-9")).toThrow(/region: unknown Genesys Cloud region "eu-west-9"/);
  });

  it("finds a region by its domain", () => {
    expect(findRegionByDomain("usw2.pure.cloud")?.id).toBe("us-west-2");
    expect(findRegionByDomain("example.com")).toBeUndefined();
  });
});
