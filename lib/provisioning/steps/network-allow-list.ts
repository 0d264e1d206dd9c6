import { z } from "zod";
import { findRegion, GENESYS_CLOUD_PORT } from "@/lib/genesys-cloud";
import { networkAllowList, probeTargetsFor, servicePurposes, type AllowListEntry } from "@/lib/network/allow-list";
import { probeHosts } from "@/lib/network/probe";
import { defineStep, type FieldDifference } from "../model/step";
import type { TenantView } from "../model/tenant-view";
import { NETWORK_ALLOW_LIST } from "../model/step-keys";

const entrySchema = z.object({
  service: z.enum(["login", "api", "apps", "streaming"]),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535),
  purpose: z.string(),
});
type NetworkRule = z.output<typeof entrySchema>;
const networkOutputsSchema = z.object({ rules: z.array(entrySchema).min(1) });

const input = networkOutputsSchema;
type Input = z.output<typeof input>;

const portOf = (url: URL) => (url.port ? Number(url.port) : url.protocol === "http:" ? 80 : GENESYS_CLOUD_PORT);

/** Explicit base URLs win (sandbox, proxy): their hosts and ports; otherwise the region's four hosts on 443. */
export function networkRulesFor(tenant: TenantView): NetworkRule[] {
  const { target } = tenant;
  if ("loginBaseUrl" in target) {
    return (["login", "api"] as const).map((service) => {
      const url = new URL(service === "login" ? target.loginBaseUrl : target.apiBaseUrl);
      return { service, host: url.hostname, port: portOf(url), purpose: servicePurposes[service] };
    });
  }
  const region = findRegion(target.region);
  if (!region) return [];
  return networkAllowList([region]).map(({ service, host, port, purpose }) => ({ service, host, port, purpose }));
}

const ruleText = (rule: NetworkRule) => `${rule.host}:${rule.port}`;

/** Rules of the current list that differ from the recorded one, by service. */
function changedRules(recorded: NetworkRule[] | undefined, rules: NetworkRule[]): FieldDifference[] {
  const services = new Set([...rules, ...(recorded ?? [])].map((rule) => rule.service));
  return [...services].flatMap((service) => {
    const want = rules.find((rule) => rule.service === service);
    const have = recorded?.find((rule) => rule.service === service);
    const [expected, actual] = [want ? ruleText(want) : "", have ? ruleText(have) : ""];
    return expected === actual ? [] : [{ field: `${service} host`, expected, actual }];
  });
}

const recordedRules = (outputs: unknown) => networkOutputsSchema.safeParse(outputs).data?.rules;

/** Step 11: what the firewall must let out for this tenant (with reasons), and whether this server gets through. */
export const networkAllowListStep = defineStep<Input>({
  key: NETWORK_ALLOW_LIST,
  title: "Network allow-list",
  description:
    "Lists the Genesys Cloud hosts and ports on-premises components must reach for this tenant's region (login, API, apps, streaming on 443, each with its reason); verify tries each one from this server.",
  phase: "network",
  dependsOn: [],
  input,
  inputFrom: ({ tenant }) => ({ rules: networkRulesFor(tenant) }),

  async plan(ctx) {
    const recorded = ctx.previous?.status === "done" ? recordedRules(ctx.previous.outputs) : undefined;
    const changes = changedRules(recorded, ctx.input.rules);
    return { action: !recorded ? "create" : changes.length > 0 ? "update" : "none", changes };
  },

  async apply(ctx) {
    const recorded = ctx.previous?.status === "done" ? recordedRules(ctx.previous.outputs) : undefined;
    const changes = changedRules(recorded, ctx.input.rules);
    return {
      result: !recorded ? "created" : changes.length > 0 ? "updated" : "unchanged",
      outputs: { rules: ctx.input.rules },
      changes: recorded
        ? changes.map((change) => `${change.field}: ${change.expected}`)
        : ctx.input.rules.map((rule) => `${rule.service}: ${ruleText(rule)}`),
    };
  },

  async verify(ctx) {
    const recorded = ctx.previous?.status === "done" ? recordedRules(ctx.previous.outputs) : undefined;
    if (!recorded)
      return { status: "missing", differences: [{ field: "allow-list", expected: "recorded", actual: "not applied" }] };
    const entries = ctx.input.rules.map(
      (rule) =>
        ({ ...rule, regionId: "", regionLabel: "", protocol: "TCP", direction: "outbound" }) satisfies AllowListEntry,
    );
    const results = await probeHosts(probeTargetsFor(entries));
    const unreachable: FieldDifference[] = results.flatMap((probe, index) => {
      if (probe.status === "reachable") return [];
      const failed = probe.tcp && !probe.tcp.ok ? probe.tcp : probe.dns;
      const reason = failed.ok ? probe.status : `${failed.code}: ${failed.message}`;
      return [
        {
          field: `${ctx.input.rules[index]!.service} ${probe.target.host}:${probe.target.port}`,
          expected: "reachable from this server",
          actual: reason,
        },
      ];
    });
    const differences = [...changedRules(recorded, ctx.input.rules), ...unreachable];
    return { status: differences.length === 0 ? "ok" : "drifted", differences };
  },
});
