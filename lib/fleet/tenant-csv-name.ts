/** A file named *.csv is a CSV of tenants (docs/fleet.md, "Tenants as CSV"); anything else a fleet file. */
export const isTenantCsv = (fileName: string) => fileName.toLowerCase().endsWith(".csv");
