import { stringify } from "csv-stringify/sync";

export type CsvValue =
  string | number | bigint | boolean | Date | null | undefined | Record<string, unknown> | unknown[];

/**
 * CSV lines (RFC 4180: quoted where needed, CRLF line ends). Cells a spreadsheet would run as a formula (starting
 * with = + - @, tab or carriage return) are prefixed with ' so an exported value can never execute.
 */
export function csvLines(rows: CsvValue[][]): string {
  return stringify(rows, {
    escape_formulas: true,
    record_delimiter: "windows",
    // Any line break inside a value, not only CRLF, must be quoted or a reader would start a new record.
    quoted_match: /[\r\n]/,
    cast: {
      date: (value) => value.toISOString(),
      bigint: (value) => value.toString(),
      boolean: (value) => (value ? "true" : "false"),
      object: (value) => JSON.stringify(value),
    },
  });
}
