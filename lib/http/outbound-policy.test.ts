import { afterEach, describe, expect, it, vi } from "vitest";
import {
  assertAllowedGaxHost,
  assertOutboundUrl,
  customGenesysUrlsAllowed,
  isForbiddenAddress,
} from "@/lib/http/outbound-policy";

afterEach(() => vi.unstubAllEnvs());

describe("the outbound target policy", () => {
  it("knows link-local and cloud metadata addresses, and nothing else", () => {
    for (const address of [
      "169.254.169.254",
      "169.254.0.1",
      "::ffff:169.254.169.254",
      "fe80::1",
      "100.100.100.200",
      "168.63.129.16",
      "fd00:ec2::254",
    ]) {
      expect(isForbiddenAddress(address), address).toBe(true);
    }
    for (const address of ["127.0.0.1", "10.0.0.5", "192.0.2.10", "::1", "2001:db8::1", "not-an-address"])
      expect(isForbiddenAddress(address), address).toBe(false);
  });

  it("refuses a URL whose name resolves to a metadata address, naming the field", async () => {
    const resolve = async () => ["169.254.169.254"];
    await expect(
      assertOutboundUrl("http://metadata.google.internal/computeMetadata", "gaxBaseUrl", resolve),
    ).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: { gaxBaseUrl: [expect.stringMatching(/link-local or cloud metadata/)] },
    });
    await expect(
      assertOutboundUrl("http://gax.example.test:8080", "gaxBaseUrl", async () => ["192.0.2.10"]),
    ).resolves.toBeUndefined();
  });

  it("allows custom Genesys Cloud base URLs when set, and by default only with the embedded database", () => {
    expect(customGenesysUrlsAllowed({ GENESYS_CUSTOM_BASE_URLS: "on" })).toBe(true);
    expect(customGenesysUrlsAllowed({ GENESYS_CUSTOM_BASE_URLS: "off", HP_EMBEDDED_DATABASE: "1" })).toBe(false);
    expect(customGenesysUrlsAllowed({ HP_EMBEDDED_DATABASE: "1" })).toBe(true);
    expect(customGenesysUrlsAllowed({})).toBe(false);
  });

  it("takes GAX hosts from OUTBOUND_ALLOWED_HOSTS when set: names, wildcards and CIDR ranges", () => {
    expect(() => assertAllowedGaxHost("http://anything.example:8080", {})).not.toThrow();
    const env = { OUTBOUND_ALLOWED_HOSTS: "gax.corp.example, *.gax.example, 10.20.0.0/16" };
    for (const url of ["http://gax.corp.example:8080", "https://eu.gax.example", "http://10.20.3.4:8080"])
      expect(() => assertAllowedGaxHost(url, env), url).not.toThrow();
    for (const url of ["http://gax.other.example", "http://10.21.0.1", "http://evilgax.example"]) {
      expect(() => assertAllowedGaxHost(url, env), url).toThrow(
        expect.objectContaining({
          fieldErrors: { gaxBaseUrl: [expect.stringMatching(/not in OUTBOUND_ALLOWED_HOSTS/)] },
        }),
      );
    }
  });
});
