import type { HybridIntegrationExport } from "./bridge";
import type { DesiredHybridIntegration } from "./desired-object";
import { ENABLED_STATE } from "./hybrid-integration-diff";
import { show, type ShownValue } from "./property-plan";

function groupedBySection(desired: DesiredHybridIntegration) {
  const sections = [...new Set(desired.entries.map((entry) => entry.section))];
  return [...desired.entries].sort((a, b) => sections.indexOf(a.section) - sections.indexOf(b.section));
}

function table(rows: ShownValue[]): string {
  const header = { section: "Section", key: "Option", value: "Value" };
  const width = (pick: (row: { section: string; key: string }) => string) => Math.max(...[header, ...rows].map((row) => pick(row).length));
  const sectionWidth = width((row) => row.section);
  const keyWidth = width((row) => row.key);
  const line = (row: { section: string; key: string; value: string }) => `${row.section.padEnd(sectionWidth)}  ${row.key.padEnd(keyWidth)}  ${row.value}`;
  return [line(header), line({ section: "-".repeat(sectionWidth), key: "-".repeat(keyWidth), value: "-----" }), ...rows.map(line)].join("\n");
}

/**
 * The object as GAX JSON plus a per-section table, for sites that enter it by hand. Secrets are masked unless
 * `revealSecrets` is set (only for a person who is allowed to see them, at the moment of entry).
 */
export function exportHybridIntegration(desired: DesiredHybridIntegration, options: { revealSecrets?: boolean } = {}): HybridIntegrationExport {
  const rows = groupedBySection(desired).map(({ section, key, value, secret }) => ({
    section,
    key,
    secret,
    value: options.revealSecrets ? value : show(value, secret),
  }));
  return {
    body: {
      type: "CfgTransaction",
      subtype: "CFGTRTList",
      name: desired.name,
      alias: desired.alias,
      state: ENABLED_STATE,
      userproperties: { property: rows.map(({ section, key, value }) => ({ section, key, value })) },
    },
    rows,
    table: table(rows),
  };
}
