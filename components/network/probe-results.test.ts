import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { renderStatic } from "@/components/ui/static-markup";
import { ProbeResults } from "@/components/network/probe-results";
import { probeVerdict } from "@/components/network/probe-verdict";
import { explainProbeError, type ProbeResult } from "@/lib/network/probe";

const unresolved = (host: string): ProbeResult => ({
  target: { host, port: 443, label: `eu-west-1 ${host.split(".")[0]}` },
  status: "dns_failed",
  addresses: [],
  dns: { ok: false, ms: 12, code: "EAI_AGAIN", message: explainProbeError("EAI_AGAIN") },
});

describe("ProbeResults", () => {
  it("says plainly when nothing resolves (a machine without internet) and what to ask for", () => {
    const page = renderStatic(
      createElement(ProbeResults, {
        report: {
          checkedAt: "2026-01-01T10:00:00.000Z",
          results: [unresolved("login.mypurecloud.ie"), unresolved("api.mypurecloud.ie")],
        },
      }),
    );
    expect(page.first("div").getAttribute("data-testid")).toBe("probe-results");
    const alert = page.all("div").find((element) => element.getAttribute("role") === "alert")!;
    expect(alert.textContent).toContain("0 of 2 hosts reachable from this server");
    expect(alert.textContent).toContain("no DNS for internet names or no internet access");
    expect(page.text()).toContain("Name not resolved");
    expect(page.text()).toContain("The DNS server did not answer");
    expect(page.text()).toContain("EAI_AGAIN, 12 ms");
    expect(page.text()).toContain("Not tried");
  });

  it("separates a refused connection from a resolved, reachable host", () => {
    const results: ProbeResult[] = [
      {
        target: { host: "apps.mypurecloud.ie", port: 443 },
        status: "reachable",
        addresses: ["198.51.100.7"],
        dns: { ok: true, ms: 3 },
        tcp: { ok: true, ms: 20 },
      },
      {
        target: { host: "streaming.mypurecloud.ie", port: 443 },
        status: "tcp_failed",
        addresses: ["198.51.100.8"],
        dns: { ok: true, ms: 4 },
        tcp: { ok: false, ms: 3000, code: "TIMEOUT", message: explainProbeError("TIMEOUT") },
      },
    ];
    const page = renderStatic(
      createElement(ProbeResults, { report: { checkedAt: "2026-01-01T10:00:00.000Z", results } }),
    );
    expect(page.text()).toContain("1 of 2 hosts reachable from this server");
    expect(page.text()).toContain("Connected in 20 ms");
    expect(page.text()).toContain("Connection failed");
    expect(page.text()).toContain("a firewall probably drops the traffic silently. (TIMEOUT, 3000 ms)");
  });

  it("confirms when every host is reachable", () => {
    const results: ProbeResult[] = [
      {
        target: { host: "api.mypurecloud.ie", port: 443 },
        status: "reachable",
        addresses: ["198.51.100.9"],
        dns: { ok: true, ms: 2 },
        tcp: { ok: true, ms: 9 },
      },
    ];
    const page = renderStatic(
      createElement(ProbeResults, { report: { checkedAt: "2026-01-01T10:00:00.000Z", results } }),
    );
    expect(page.text()).toContain("Every host is reachable from this server (1 checked)");
  });
});

const refused = (host: string): ProbeResult => ({
  target: { host, port: 443 },
  status: "tcp_failed",
  addresses: ["198.51.100.10"],
  dns: { ok: true, ms: 2 },
  tcp: { ok: false, ms: 5, code: "ECONNREFUSED", message: explainProbeError("ECONNREFUSED") },
});
const reachable = (host: string): ProbeResult => ({
  target: { host, port: 443 },
  status: "reachable",
  addresses: ["198.51.100.11"],
  dns: { ok: true, ms: 2 },
  tcp: { ok: true, ms: 7 },
});
const hosts = ["login", "api", "apps", "streaming"].map((service) => `${service}.mypurecloud.ie`);

describe("probeVerdict", () => {
  it("calls 0 of 4 reachable a failure, never a success, and says what to do", () => {
    for (const results of [hosts.map(unresolved), hosts.map(refused)]) {
      const verdict = probeVerdict(results);
      expect(verdict.tone).toBe("error");
      expect(verdict.title).toBe("0 of 4 hosts reachable from this server");
      expect(verdict.advice).toMatch(/ask the network team to allow .*TCP 443.*or run provisioning from a machine/i);
    }
    expect(probeVerdict(hosts.map(refused)).advice).toContain("No host accepted a connection");
  });

  it("warns when only some hosts are reachable, and confirms only when all are", () => {
    expect(probeVerdict([reachable(hosts[0]!), refused(hosts[1]!)])).toMatchObject({
      tone: "warning",
      title: "1 of 2 hosts reachable from this server",
    });
    expect(probeVerdict(hosts.map(reachable)).tone).toBe("success");
    expect(probeVerdict([]).tone).not.toBe("success");
  });

  it("shows a probe where nothing connects as an error alert", () => {
    const page = renderStatic(
      createElement(ProbeResults, { report: { checkedAt: "2026-01-01T10:00:00.000Z", results: hosts.map(refused) } }),
    );
    const verdict = page.all("div").find((element) => element.getAttribute("data-testid") === "probe-verdict")!;
    expect(verdict.getAttribute("data-tone")).toBe("error");
    expect(verdict.getAttribute("role")).toBe("alert");
    expect(verdict.textContent).toContain("No host accepted a connection");
  });
});
