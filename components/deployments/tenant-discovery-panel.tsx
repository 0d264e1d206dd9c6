"use client";

import { useState, useTransition } from "react";
import { Download, Plus, Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { discoveredFleetAction, discoverTenantsAction } from "./discovery-actions";
import { RegisteredTable, UnregisteredTable } from "./discovery-tables";
import type { TenantDiscoveryResult } from "./discovery-types";
import { RegisterDiscoveredDialog } from "./register-discovered-dialog";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

function summaryOf(discovery: TenantDiscoveryResult) {
  const listed = discovery.unregistered.length + discovery.present.length;
  const absent = discovery.absent.length;
  return (
    `GAX user "${discovery.gaxUsername}" sees ${plural(listed, "tenant")} besides Environment: ` +
    `${discovery.unregistered.length} not registered, ${discovery.present.length} registered here.` +
    (absent > 0 ? ` ${plural(absent, "registered tenant")} ${absent === 1 ? "is" : "are"} not in GAX.` : "")
  );
}

/** Hands a text to the browser as a file download. */
function download(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/yaml" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/**
 * Discovery of a multi-tenant deployment's tenants: what GAX lists against what is registered. Those who may register
 * tenants select unregistered ones and register them (each with its org's bootstrap client) or download them as a
 * fleet file to complete and import.
 */
export function TenantDiscoveryPanel({
  deployment,
  canRegister,
}: {
  deployment: { id: string; name: string };
  canRegister: boolean;
}) {
  const router = useRouter();
  const [discovery, setDiscovery] = useState<TenantDiscoveryResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [registering, setRegistering] = useState(false);
  const [discovering, startDiscovery] = useTransition();
  const [downloading, startDownload] = useTransition();

  function discover() {
    startDiscovery(async () => {
      const result = await discoverTenantsAction({ deploymentId: deployment.id });
      if (!result.ok) {
        setProblem(result.error);
        return;
      }
      setProblem(null);
      setDiscovery(result.data);
      const still = new Set(result.data.unregistered.map((tenant) => tenant.name));
      setSelected((previous) => new Set([...previous].filter((name) => still.has(name))));
    });
  }

  const chosen = discovery?.unregistered.filter((tenant) => selected.has(tenant.name)) ?? [];

  function downloadFleet() {
    startDownload(async () => {
      const result = await discoveredFleetAction({ deploymentId: deployment.id, tenants: chosen });
      if (!result.ok) {
        toast.error("Could not write the fleet file", { description: result.error });
        return;
      }
      const slug = deployment.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "");
      download(result.data.yaml, `${slug || "deployment"}-discovered-tenants.yaml`);
    });
  }

  function onFinished(registered: string[]) {
    setRegistering(false);
    if (registered.length === 0) return;
    router.refresh();
    discover();
  }

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={discover} loading={discovering} loadingText="Asking GAX…">
          <Search aria-hidden="true" /> {discovery ? "Discover again" : "Discover tenants"}
        </Button>
        {discovery ? (
          <p role="status" className="text-sm text-muted-foreground">
            {summaryOf(discovery)}
          </p>
        ) : null}
      </div>
      {problem ? (
        <Alert variant="error" title="GAX could not be asked">
          {problem}
        </Alert>
      ) : null}
      {discovery ? (
        <>
          {discovery.absent.length > 0 ? (
            <Alert variant="warning" title={`${plural(discovery.absent.length, "registered tenant")} not in GAX`}>
              GAX user &quot;{discovery.gaxUsername}&quot; does not list{" "}
              {discovery.absent.map((tenant) => tenant.cfgTenantName).join(", ")}: deleted or renamed in Configuration
              Server, or not readable by that user. Their on-premises steps fail until the tenant is back.
            </Alert>
          ) : null}
          <section className="grid gap-3" aria-labelledby="discovery-unregistered">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 id="discovery-unregistered" className="text-lg font-semibold">
                Not registered
              </h2>
              {canRegister && discovery.unregistered.length > 0 ? (
                <div className="flex flex-wrap gap-2">
                  <Button
                    variant="outline"
                    size="sm"
                    disabled={chosen.length === 0}
                    onClick={downloadFleet}
                    loading={downloading}
                    loadingText="Writing…"
                  >
                    <Download aria-hidden="true" /> Download as fleet file
                  </Button>
                  <Button size="sm" disabled={chosen.length === 0} onClick={() => setRegistering(true)}>
                    <Plus aria-hidden="true" /> Register selected ({chosen.length})
                  </Button>
                </div>
              ) : null}
            </div>
            {discovery.unregistered.length === 0 ? (
              <p className="text-sm text-muted-foreground">Every tenant GAX lists is registered.</p>
            ) : (
              <UnregisteredTable
                tenants={discovery.unregistered}
                selected={selected}
                onSelectedChange={setSelected}
                selectable={canRegister}
              />
            )}
            {!canRegister ? (
              <p className="text-sm text-muted-foreground">Operators and administrators register tenants.</p>
            ) : null}
          </section>
          <section className="grid gap-3" aria-labelledby="discovery-registered">
            <h2 id="discovery-registered" className="text-lg font-semibold">
              Registered
            </h2>
            {discovery.present.length + discovery.absent.length === 0 ? (
              <p className="text-sm text-muted-foreground">No tenant of this deployment is registered yet.</p>
            ) : (
              <RegisteredTable discovery={discovery} />
            )}
          </section>
          <RegisterDiscoveredDialog
            deployment={deployment}
            tenants={chosen}
            open={registering}
            onOpenChange={setRegistering}
            onFinished={onFinished}
          />
        </>
      ) : null}
    </div>
  );
}
