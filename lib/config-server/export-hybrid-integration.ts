import { annexNote } from "./annex";
import type { ExportRow, HybridIntegrationExport } from "./bridge";
import type { DesiredHybridIntegration } from "./desired-object";
import { ENABLED_STATE } from "./hybrid-integration-diff";
import { show } from "./property-plan";

/** Option sections in the order the desired object lists them, then the annex. */
function ordered(desired: DesiredHybridIntegration) {
  const options = desired.entries.filter((entry) => !entry.annex);
  const sections = [...new Set(options.map((entry) => entry.section))];
  const bySection = [...options].sort((a, b) => sections.indexOf(a.section) - sections.indexOf(b.section));
  return [...bySection, ...desired.entries.filter((entry) => entry.annex)];
}

function table(rows: ExportRow[]): string {
  const header = { section: "Section", key: "Option", value: "Value" };
  const width = (pick: (row: { section: string; key: string }) => string) =>
    Math.max(...[header, ...rows].map((row) => pick(row).length));
  const sectionWidth = width((row) => row.section);
  const keyWidth = width((row) => row.key);
  const line = (row: { section: string; key: string; value: string }) =>
    `${row.section.padEnd(sectionWidth)}  ${row.key.padEnd(keyWidth)}  ${row.value}`;
  return [
    line(header),
    line({ section: "-".repeat(sectionWidth), key: "-".repeat(keyWidth), value: "-----" }),
    ...rows.map(line),
  ].join("\n");
}

/** The option sections, then the annex under its own heading. */
function tables(rows: ExportRow[], annexSection: string): string {
  const annex = rows.filter((row) => row.annex);
  const options = table(rows.filter((row) => !row.annex));
  return annex.length === 0 ? options : [options, "", "Annex", annexNote(annexSection), table(annex)].join("\n");
}

/**
 * The object as GAX JSON plus per-section tables and the annex, for sites that enter it by hand. Secrets are masked
 * unless `revealSecrets` is set (only for a person who is allowed to see them, at the moment of entry).
 */
export function exportHybridIntegration(
  desired: DesiredHybridIntegration,
  options: { revealSecrets?: boolean } = {},
): HybridIntegrationExport {
  const rows = ordered(desired).map(({ section, key, value, secret, annex }) => ({
    section,
    key,
    secret,
    annex: annex ?? false,
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
    annexSection: desired.annexSection,
    table: tables(rows, desired.annexSection),
  };
}
