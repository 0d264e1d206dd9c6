import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import type { RegionFilter } from "@/lib/network/region-filter";

const sourceText: Record<RegionFilter["source"], string> = {
  tenants: "Showing the regions of registered tenants.",
  chosen: "Showing the regions you chose.",
  all: "Showing every region.",
};

/** Which regions' hosts the page lists and exports; a plain GET form, so the choice lives in the URL. */
export function RegionFilterForm({
  regions,
  filter,
}: {
  regions: { id: string; label: string }[];
  filter: RegionFilter;
}) {
  const shown = new Set(filter.regions);
  return (
    <form method="get" action="/network" aria-label="Filter by region" className="grid gap-4">
      {filter.error ? <Alert variant="warning" title={filter.error} /> : null}
      <fieldset className="grid gap-3">
        <legend className="mb-1 text-sm text-muted-foreground">{sourceText[filter.source]}</legend>
        <div className="grid gap-x-6 gap-y-2 sm:grid-cols-2 xl:grid-cols-3">
          {regions.map((region) => (
            <div key={region.id} className="flex items-center gap-2">
              <Checkbox
                id={`region-${region.id}`}
                name="region"
                value={region.id}
                defaultChecked={shown.has(region.id)}
              />
              <Label htmlFor={`region-${region.id}`} className="font-normal">
                {region.label} <span className="text-xs text-muted-foreground">({region.id})</span>
              </Label>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit">Show these regions</Button>
        <Button asChild variant="ghost">
          <Link href="/network">Tenants&apos; regions</Link>
        </Button>
        <Button asChild variant="ghost">
          <Link href="/network?region=all">All regions</Link>
        </Button>
      </div>
    </form>
  );
}
