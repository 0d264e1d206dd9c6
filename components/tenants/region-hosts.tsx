import { findRegion } from "@/lib/genesys-cloud/regions";

/** The hosts a region implies, so the operator can check them against the org's admin URL before saving. */
export function RegionHosts({ regionId }: { regionId: string }) {
  const region = findRegion(regionId);
  if (!region) return null;
  return (
    <dl
      aria-label={`Hosts of ${region.label}`}
      className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 rounded-md border border-border bg-muted px-3 py-2 font-mono text-xs"
    >
      {Object.entries(region.hosts).map(([service, host]) => (
        <div key={service} className="contents">
          <dt className="text-muted-foreground">{service}</dt>
          <dd>{host}</dd>
        </div>
      ))}
    </dl>
  );
}
