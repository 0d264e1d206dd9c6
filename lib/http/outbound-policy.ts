import { BlockList, isIP } from "node:net";
import { AppError } from "@/lib/errors";
import { systemResolver, type Resolver } from "@/lib/network/resolve";

// Where the server may send requests to URLs that operators type (bootstrap checks, Genesys Cloud base URLs, GAX).

/** Link-local and cloud metadata addresses: never a Genesys Cloud or GAX host, always an attacker's favourite. */
const forbidden = new BlockList();
forbidden.addSubnet("169.254.0.0", 16, "ipv4");
forbidden.addSubnet("fe80::", 10, "ipv6");
forbidden.addAddress("100.100.100.200", "ipv4"); // Alibaba Cloud metadata
forbidden.addAddress("168.63.129.16", "ipv4"); // Azure wire server
forbidden.addAddress("fd00:ec2::254", "ipv6"); // AWS metadata over IPv6

export const isForbiddenAddress = (address: string) => {
  const unmapped = address.replace(/^::ffff:/i, "");
  const family = isIP(unmapped);
  return family !== 0 && forbidden.check(unmapped, family === 4 ? "ipv4" : "ipv6");
};

/** The host of a URL, without the brackets of an IPv6 literal. */
const hostOf = (url: string) => new URL(url).hostname.replace(/^\[|\]$/g, "");

/**
 * Refuses a URL whose host is, or resolves to, a link-local or metadata address. A name that does not resolve is
 * left to the request itself, which then fails as unreachable.
 */
export async function assertOutboundUrl(url: string, field: string, resolve: Resolver = systemResolver): Promise<void> {
  let host: string;
  try {
    host = hostOf(url);
  } catch {
    throw new AppError("invalid_input", `${field} must be a URL.`, { [field]: ["must be a URL"] });
  }
  const addresses = isIP(host) ? [host] : await resolve(host).catch(() => []);
  if (addresses.some(isForbiddenAddress)) {
    const message = "points at a link-local or cloud metadata address, which the provisioner never calls";
    throw new AppError("invalid_input", `${field} ${message}.`, { [field]: [message] });
  }
}

/**
 * Whether Genesys Cloud may be reached at base URLs other than a region's (the sandboxes, a proxy). Off unless
 * GENESYS_CUSTOM_BASE_URLS=on; the embedded default, which runs the sandboxes, turns it on.
 */
export const customGenesysUrlsAllowed = (env: Record<string, string | undefined> = process.env) =>
  env.GENESYS_CUSTOM_BASE_URLS === "on" ||
  (env.GENESYS_CUSTOM_BASE_URLS === undefined && env.HP_EMBEDDED_DATABASE === "1");

/** Refuses explicit Genesys Cloud base URLs unless allowed, and any that reach a forbidden address. */
export async function assertGenesysBaseUrls(
  urls: { loginBaseUrl?: string | null; apiBaseUrl?: string | null },
  resolve?: Resolver,
): Promise<void> {
  const given = (["loginBaseUrl", "apiBaseUrl"] as const).filter((field) => urls[field]);
  if (given.length === 0) return;
  if (!customGenesysUrlsAllowed()) {
    const message =
      "is not allowed: Genesys Cloud is reached at its region's hosts (set GENESYS_CUSTOM_BASE_URLS=on for a proxy or a sandbox)";
    throw new AppError(
      "invalid_input",
      `Choose a region: custom base URLs are off on this server.`,
      Object.fromEntries(given.map((field) => [field, [message]])),
    );
  }
  for (const field of given) await assertOutboundUrl(urls[field]!, field, resolve);
}

/** OUTBOUND_ALLOWED_HOSTS: names, `*.suffix` wildcards and CIDR ranges; empty when unset. */
export const outboundHostRules = (env: Record<string, string | undefined> = process.env) =>
  (env.OUTBOUND_ALLOWED_HOSTS ?? "")
    .split(",")
    .map((rule) => rule.trim().toLowerCase())
    .filter(Boolean);

/** Whether the URL's host matches OUTBOUND_ALLOWED_HOSTS (any host when it is unset). */
export function isAllowedOutboundHost(url: string, env: Record<string, string | undefined> = process.env): boolean {
  const rules = outboundHostRules(env);
  if (rules.length === 0) return true;
  const host = hostOf(url).toLowerCase();
  return rules.some((rule) => {
    if (rule.includes("/")) {
      const [network, bits] = rule.split("/");
      const family = isIP(network!);
      if (!family || !isIP(host)) return false;
      const list = new BlockList();
      list.addSubnet(network!, Number(bits), family === 4 ? "ipv4" : "ipv6");
      return list.check(host, isIP(host) === 4 ? "ipv4" : "ipv6");
    }
    return rule.startsWith("*.") ? host.endsWith(rule.slice(1)) : host === rule;
  });
}

/**
 * Hosts GAX may be registered at, from OUTBOUND_ALLOWED_HOSTS: names, `*.suffix` wildcards and CIDR ranges. Unset:
 * any host an admin registers (the registered deployments are the list).
 */
export function assertAllowedGaxHost(url: string, env: Record<string, string | undefined> = process.env): void {
  if (isAllowedOutboundHost(url, env)) return;
  const message = `is not in OUTBOUND_ALLOWED_HOSTS (${outboundHostRules(env).join(", ")})`;
  throw new AppError("invalid_input", `The GAX URL's host ${message}.`, { gaxBaseUrl: [message] });
}
