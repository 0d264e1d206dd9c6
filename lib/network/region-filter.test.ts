import { afterAll, describe, expect, it } from "vitest";
import { ensureDemoDeployment } from "@/lib/demo/demo-seed";
import { GENESYS_CLOUD_REGIONS } from "@/lib/genesys-cloud/regions";
import { isolatedDatabase } from "@/test/support/db";
import { regionFilterOf, registeredTenantRegions } from "./region-filter";

const every = GENESYS_CLOUD_REGIONS.map((region) => region.id);

describe("registeredTenantRegions", () => {
  const isolated = isolatedDatabase();
  afterAll(async () => (await isolated).drop());

  it("is empty without tenants, then lists each registered tenant's region once, in the regions' order", async () => {
    const { db } = await isolated;
    expect(await registeredTenantRegions(db)).toEqual([]);
    await ensureDemoDeployment(db, {
      genesysCloudUrl: "http://127.0.0.1:4010",
      gaxUrls: { multi: "http://127.0.0.1:4020/multi", single: "http://127.0.0.1:4020/single" },
    });
    expect(await registeredTenantRegions(db)).toEqual(["us-east-1", "eu-west-1", "ap-southeast-2"]);
  });
});

describe("regionFilterOf", () => {
  it("defaults to the tenants' regions, or to every region while no tenant has one", () => {
    expect(regionFilterOf([], ["eu-west-1"])).toEqual({ regions: ["eu-west-1"], source: "tenants" });
    expect(regionFilterOf([], [])).toEqual({ regions: every, source: "all" });
  });

  it("takes the chosen regions in the regions' order, or every region for all", () => {
    expect(regionFilterOf(["eu-west-1", "us-east-1"], ["ap-southeast-2"])).toEqual({
      regions: ["us-east-1", "eu-west-1"],
      source: "chosen",
    });
    expect(regionFilterOf(["all"], ["eu-west-1"])).toEqual({ regions: every, source: "all" });
  });

  it("names an unknown region and shows the default instead", () => {
    expect(regionFilterOf(["eu-west-1", "moon-1"], ["us-east-1"])).toEqual({
      regions: ["us-east-1"],
      source: "tenants",
      error: 'region: "moon-1" is not a Genesys Cloud region id; showing the default instead.',
    });
  });
});
