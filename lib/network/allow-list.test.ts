import { describe, expect, it } from "vitest";
import { GENESYS_CLOUD_REGIONS } from "@/lib/genesys-cloud/regions";
import { networkAllowList, probeTargetsFor } from "@/lib/network/allow-list";
import { allowListCsv, allowListExport, allowListJson, parseAllowListQuery } from "@/lib/network/allow-list-export";

const ireland = GENESYS_CLOUD_REGIONS.find((region) => region.id === "eu-west-1")!;

describe("networkAllowList", () => {
  it("lists the four hosts of a region, outbound TCP 443, each with its reason", () => {
    expect(networkAllowList([ireland])).toEqual([
      {
        regionId: "eu-west-1",
        regionLabel: "EU (Ireland)",
        service: "login",
        host: "login.mypurecloud.ie",
        port: 443,
        protocol: "TCP",
        direction: "outbound",
        purpose: expect.stringMatching(/OAuth token endpoint.*SAML/),
      },
      {
        regionId: "eu-west-1",
        regionLabel: "EU (Ireland)",
        service: "api",
        host: "api.mypurecloud.ie",
        port: 443,
        protocol: "TCP",
        direction: "outbound",
        purpose: expect.stringMatching(/Platform API/),
      },
      {
        regionId: "eu-west-1",
        regionLabel: "EU (Ireland)",
        service: "apps",
        host: "apps.mypurecloud.ie",
        port: 443,
        protocol: "TCP",
        direction: "outbound",
        purpose: expect.stringMatching(/Web UI and the Predictive Engagement tracker/),
      },
      {
        regionId: "eu-west-1",
        regionLabel: "EU (Ireland)",
        service: "streaming",
        host: "streaming.mypurecloud.ie",
        port: 443,
        protocol: "TCP",
        direction: "outbound",
        purpose: expect.stringMatching(/WSS/),
      },
    ]);
  });

  it("covers every region by default", () => {
    const entries = networkAllowList();
    expect(entries).toHaveLength(GENESYS_CLOUD_REGIONS.length * 4);
    expect(new Set(entries.map((entry) => entry.host)).size).toBe(entries.length);
  });

  it("gives the probe each host on its port", () => {
    expect(probeTargetsFor(networkAllowList([ireland]))[3]).toEqual({
      host: "streaming.mypurecloud.ie",
      port: 443,
      label: "eu-west-1 streaming",
    });
  });
});

describe("allow-list exports", () => {
  it("writes CSV with a header and one quoted-where-needed line per host", () => {
    const lines = allowListCsv(networkAllowList([ireland])).split("\r\n");
    expect(lines[0]).toBe("region,region_name,service,host,port,protocol,direction,purpose");
    expect(lines[1]).toBe(
      "eu-west-1,EU (Ireland),login,login.mypurecloud.ie,443,TCP,outbound,OAuth token endpoint (client credentials and SAML2 bearer grants) and SAML sign-in at /saml",
    );
    expect(lines[2]).toBe(
      'eu-west-1,EU (Ireland),api,api.mypurecloud.ie,443,TCP,outbound,"Platform API under /api/v2: OAuth clients, roles, identity provider, organization"',
    );
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe("");
  });

  it("writes JSON with the rules and when it was made", () => {
    const parsed = JSON.parse(allowListJson(networkAllowList([ireland]), new Date("2026-01-01T00:00:00Z")));
    expect(parsed.generatedAt).toBe("2026-01-01T00:00:00.000Z");
    expect(parsed.rules).toEqual(networkAllowList([ireland]));
  });

  it("reads format and regions from the query, and names bad values", () => {
    const good = parseAllowListQuery(new URLSearchParams("format=json&region=eu-west-1&region=us-east-1"));
    expect(good.success && good.data).toEqual({ format: "json", region: ["eu-west-1", "us-east-1"] });
    const bad = parseAllowListQuery(new URLSearchParams("format=xml&region=mars-1"));
    expect(bad.success).toBe(false);
    const issues = bad.error!.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    expect(issues[0]).toBe("format: must be csv or json");
    expect(issues[1]).toMatch(/^region\.0: must be a Genesys Cloud region id \(us-east-1, /);
  });

  it("names the file after the region and picks the content type", () => {
    expect(allowListExport({ format: "csv", region: ["eu-west-1"] })).toMatchObject({
      contentType: "text/csv; charset=utf-8",
      fileName: "genesys-cloud-allow-list-eu-west-1.csv",
    });
    const all = allowListExport({ format: "json", region: [] });
    expect(all.fileName).toBe("genesys-cloud-allow-list.json");
    expect(JSON.parse(all.body).rules).toHaveLength(GENESYS_CLOUD_REGIONS.length * 4);
  });
});
