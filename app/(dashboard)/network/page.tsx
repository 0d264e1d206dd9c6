import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/shell/page-header";
import { AllowListTable } from "@/components/network/allow-list-table";
import { NetworkProbe } from "@/components/network/network-probe";
import { RegionFilterForm } from "@/components/network/region-filter-form";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { GENESYS_CLOUD_PORT, GENESYS_CLOUD_REGIONS } from "@/lib/genesys-cloud/regions";
import { networkAllowList } from "@/lib/network/allow-list";
import { regionsFor } from "@/lib/network/allow-list-export";
import { regionFilterOf, registeredTenantRegions } from "@/lib/network/region-filter";

export const metadata = { title: "Network" };

type SearchParams = Record<string, string | string[] | undefined>;

const listOf = (value: string | string[] | undefined) => (value === undefined ? [] : [value].flat());

export default async function NetworkPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePagePermission("network.read");
  const filter = regionFilterOf(listOf((await searchParams).region), await registeredTenantRegions(getDb()));
  const regions = GENESYS_CLOUD_REGIONS.map((region) => ({ id: region.id, label: region.label }));
  const exportQuery = (format: string) =>
    new URLSearchParams([
      ["format", format],
      ...(filter.source === "all" ? [] : filter.regions.map((id) => ["region", id])),
    ]).toString();
  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title="Network"
        description={`On-premises components reach Genesys Cloud outbound only, over TCP ${GENESYS_CLOUD_PORT} (HTTPS and WSS); nothing inbound. Allow these hosts for each region you use; Genesys also recommends allowing the region's AWS address pool.`}
        actions={(["csv", "json"] as const).map((format) => (
          <Button key={format} asChild variant="outline">
            <a href={`/api/network/allow-list?${exportQuery(format)}`} download>
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
          <NetworkProbe regions={regions} defaultRegion={filter.regions[0] ?? regions[0]!.id} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Regions</CardTitle>
        </CardHeader>
        <CardContent>
          <RegionFilterForm regions={regions} filter={filter} />
        </CardContent>
      </Card>
      <AllowListTable entries={networkAllowList(regionsFor(filter.regions))} />
    </div>
  );
}
