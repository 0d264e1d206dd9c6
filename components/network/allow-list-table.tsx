import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AllowListEntry } from "@/lib/network/allow-list";

const serviceNames: Record<AllowListEntry["service"], string> = {
  login: "Authentication",
  api: "Platform API",
  apps: "Apps",
  streaming: "Notifications",
};

/** One row group per region: its four hosts, the port and why each is needed. */
export function AllowListTable({ entries }: { entries: AllowListEntry[] }) {
  const regions = [...new Map(entries.map((entry) => [entry.regionId, entry.regionLabel])).entries()];
  return (
    <Table>
      <TableCaption className="sr-only">Outbound hosts to allow, per Genesys Cloud region</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Region</TableHead>
          <TableHead>Service</TableHead>
          <TableHead>Host</TableHead>
          <TableHead>Port</TableHead>
          <TableHead>Why</TableHead>
        </TableRow>
      </TableHeader>
      {regions.map(([regionId, regionLabel]) => {
        const rows = entries.filter((entry) => entry.regionId === regionId);
        return (
          <TableBody key={regionId} data-testid={`allow-list-${regionId}`} className="border-b border-border">
            {rows.map((entry, index) => (
              <TableRow key={entry.host}>
                {index === 0 ? (
                  <TableHead
                    scope="rowgroup"
                    rowSpan={rows.length}
                    className="bg-card py-3 align-top text-sm font-normal normal-case tracking-normal text-foreground"
                  >
                    <div className="font-medium">{regionLabel}</div>
                    <div className="text-xs text-muted-foreground">{regionId}</div>
                  </TableHead>
                ) : null}
                <TableCell>{serviceNames[entry.service]}</TableCell>
                <TableCell className="font-mono text-xs">{entry.host}</TableCell>
                <TableCell className="whitespace-nowrap tabular-nums">
                  {entry.protocol} {entry.port}
                </TableCell>
                <TableCell className="text-muted-foreground">{entry.purpose}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        );
      })}
    </Table>
  );
}
