import { getDb } from "@/lib/db/client";
import { reverifySchedule } from "@/lib/jobs/queue-state";
import { firstRunGuide } from "@/lib/tenants/first-run";
import { loadTenantOverview } from "@/lib/tenants/overview-data";
import { serialized } from "@/lib/utils/serialized";
import { hasFilters, type OverviewParams } from "@/lib/tenants/overview-params";
import { cataloguePhases, PHASE_LABELS } from "@/lib/tenants/phases";
import { DemoGuide } from "./demo-guide";
import { EmptyInstallationGuide } from "./first-run-guide";
import { ReverifyScheduleNote } from "./reverify-schedule";
import { TenantsOverviewLive } from "./tenants-overview-live";

/**
 * The tenants overview, rendered once on the server and then kept live in the browser (TenantsOverviewLive); the
 * state lives in the URL of basePath. An installation without tenants gets the first-run guide instead.
 */
export async function TenantsOverview({
  basePath,
  params,
  canRun,
  canManage,
}: {
  basePath: string;
  params: OverviewParams;
  canRun: boolean;
  canManage: boolean;
}) {
  const db = getDb();
  const [data, guide, schedule] = await Promise.all([
    loadTenantOverview(db, params),
    firstRunGuide(db),
    reverifySchedule(db),
  ]);
  if (guide?.kind === "empty" && !hasFilters(params)) {
    return <EmptyInstallationGuide hasDeployment={guide.hasDeployment} canManage={canManage} />;
  }
  const phases = cataloguePhases().map((phase) => ({ phase, label: PHASE_LABELS[phase] }));
  return (
    <div className="grid gap-4">
      {guide?.kind === "demo" ? <DemoGuide deploymentName={guide.deploymentName} /> : null}
      <TenantsOverviewLive
        initial={serialized(data)}
        basePath={basePath}
        params={params}
        phases={phases}
        canRun={canRun}
      />
      <ReverifyScheduleNote schedule={schedule} />
    </div>
  );
}
