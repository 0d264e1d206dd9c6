import type { ProbeResult } from "@/lib/network/probe";

/** What a probe means for provisioning from this server, and what to do about it. */
export type ProbeVerdict = { tone: "success" | "warning" | "error"; title: string; advice: string };

const tryElsewhere = "or run provisioning from a machine that has access.";

export function probeVerdict(results: readonly ProbeResult[]): ProbeVerdict {
  const reachable = results.filter((result) => result.status === "reachable").length;
  const dnsFailed = results.filter((result) => result.status === "dns_failed").length;
  if (results.length > 0 && reachable === results.length)
    return {
      tone: "success",
      title: `Every host is reachable from this server (${results.length} checked)`,
      advice: "The firewall lets this server out on TCP 443.",
    };
  const title = `${reachable} of ${results.length} hosts reachable from this server`;
  if (reachable > 0)
    return {
      tone: "warning",
      title,
      advice:
        "Provisioning fails where it needs a host that is not reachable. Send the failing hosts below to the network team with the allow-list export; each row says what failed.",
    };
  if (dnsFailed === results.length)
    return {
      tone: "error",
      title,
      advice: `No host name resolved. This server probably has no DNS for internet names or no internet access at all. That blocks provisioning from here; ask the network team to allow DNS resolution and the hosts below on TCP 443, ${tryElsewhere}`,
    };
  return {
    tone: "error",
    title,
    advice: `No host accepted a connection, so provisioning cannot work from here. Ask the network team to allow the hosts below outbound on TCP 443 (send them the allow-list export), ${tryElsewhere}`,
  };
}
