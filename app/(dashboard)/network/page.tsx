import { PageHeader } from "@/components/shell/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePagePermission } from "@/lib/auth/session";
import { GENESYS_CLOUD_PORT, GENESYS_CLOUD_REGIONS } from "@/lib/genesys-cloud/regions";

export const metadata = { title: "Network" };

export default async function NetworkPage() {
  await requirePagePermission("network.read");
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Network"
        description={`On-premises components reach Genesys Cloud outbound only, over TCP ${GENESYS_CLOUD_PORT} (HTTPS and WSS). Allow these hosts for each region you use; Genesys also recommends allowing the region's AWS address pool.`}
      />
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Region</TableHead>
            <TableHead>Authentication (login)</TableHead>
            <TableHead>Platform API</TableHead>
            <TableHead>Apps</TableHead>
            <TableHead>Notifications (WSS)</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {GENESYS_CLOUD_REGIONS.map((region) => (
            <TableRow key={region.id}>
              <TableCell>
                <div className="font-medium">{region.label}</div>
                <div className="text-xs text-muted-foreground">{region.id}</div>
              </TableCell>
              <TableCell className="font-mono text-xs">{region.hosts.login}</TableCell>
              <TableCell className="font-mono text-xs">{region.hosts.api}</TableCell>
              <TableCell className="font-mono text-xs">{region.hosts.apps}</TableCell>
              <TableCell className="font-mono text-xs">{region.hosts.streaming}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
