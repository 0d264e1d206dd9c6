import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/shell/page-header";
import { AllowListTable } from "@/components/network/allow-list-table";
import { NetworkProbe } from "@/components/network/network-probe";
import { requirePagePermission } from "@/lib/auth/session";
import { GENESYS_CLOUD_PORT, GENESYS_CLOUD_REGIONS } from "@/lib/genesys-cloud/regions";
import { networkAllowList } from "@/lib/network/allow-list";

export const metadata = { title: "Network" };

export default async function NetworkPage() {
  await requirePagePermission("network.read");
  const regions = GENESYS_CLOUD_REGIONS.map((region) => ({ id: region.id, label: region.label }));
  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title="Network"
        description={`On-premises components reach Genesys Cloud outbound only, over TCP ${GENESYS_CLOUD_PORT} (HTTPS and WSS); nothing inbound. Allow these hosts for each region you use; Genesys also recommends allowing the region's AWS address pool.`}
        actions={(["csv", "json"] as const).map((format) => (
          <Button key={format} asChild variant="outline">
            <a href={`/api/network/allow-list?format=${format}`} download>
              <Download aria-hidden="true" />
              Export {format.toUpperCase()}
            </a>
          </Button>
        ))}
      />
      <Card>
        <CardHeader>
          <div className="grid gap-1">
            <CardTitle>Reachability from this server</CardTitle>
            <CardDescription>
              Checks that the machine running Hybrid Provisioner can resolve and connect to a region&apos;s hosts.
            </CardDescription>
          </div>
        </CardHeader>
        <CardContent>
          <NetworkProbe regions={regions} defaultRegion={regions[0]!.id} />
        </CardContent>
      </Card>
      <AllowListTable entries={networkAllowList()} />
    </div>
  );
}
