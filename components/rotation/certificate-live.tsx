"use client";

import { useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusChip } from "@/components/ui/status-chip";
import type { CertificatePageData, RotationView } from "@/lib/tenants/certificate-page";
import { CurrentCertificate } from "./current-certificate";
import { RotateCertificateButton } from "./rotate-certificate-button";
import { RotationHistory } from "./rotation-history";

const POLL_MS = 1500;
/** A queued rotation that has not started by then probably has no worker to run it. */
const QUEUE_PATIENCE_MS = 120_000;

type Awaiting = { seen: string | null; since: number };
const versionOf = (rotation: RotationView | undefined) =>
  rotation ? `${rotation.id}:${rotation.status}:${rotation.finishedAt ?? ""}` : null;

async function fetchPage(tenantId: string): Promise<CertificatePageData> {
  const response = await fetch(`/api/tenants/${tenantId}/rotation`, { cache: "no-store" });
  const body = (await response.json().catch(() => ({}))) as CertificatePageData & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `The status request failed (${response.status}).`);
  return body;
}

/** The certificate page, kept live: it polls while a rotation is queued or running and says how it ended. */
export function CertificateLive({ initial, canRotate }: { initial: CertificatePageData; canRotate: boolean }) {
  const tenantId = initial.tenant.id;
  const tenantName = initial.tenant.cfgTenantName;
  const awaitingRef = useRef<Awaiting | null>(null);
  const [awaiting, setAwaiting] = useState<Awaiting | null>(null);

  function settle(next: CertificatePageData) {
    const waiting = awaitingRef.current;
    if (!waiting) return;
    const latest = next.rotations[0];
    const ended =
      !next.rotating && latest !== undefined && latest.status !== "running" && versionOf(latest) !== waiting.seen;
    const givenUp = !ended && !next.rotating && Date.now() - waiting.since > QUEUE_PATIENCE_MS;
    if (!ended && !givenUp) return;
    awaitingRef.current = null;
    setAwaiting(null);
    if (givenUp || !latest)
      toast.warning("The rotation is still queued", {
        description: "No worker has picked it up. Check that workers run (WORKER=on, or npm run worker).",
      });
    else if (latest.status === "succeeded")
      toast.success("Certificate rotated", {
        description: `${tenantName} now signs with the new key; the old certificate is removed.`,
      });
    else
      toast.error("Certificate rotation stopped", {
        description: latest.operatorMessage ?? "See the stage that failed for what to do next.",
      });
  }

  const query = useQuery({
    queryKey: ["tenant-certificate", tenantId],
    queryFn: async () => {
      const next = await fetchPage(tenantId);
      settle(next);
      return next;
    },
    initialData: initial,
    staleTime: 0,
    refetchInterval: (current) => (awaitingRef.current || current.state.data?.rotating ? POLL_MS : false),
  });
  const data = query.data;
  const latest = data.rotations[0];
  const resumes = latest !== undefined && (latest.status === "failed" || latest.status === "running");
  const busy = Boolean(awaiting) || data.rotating;

  const startAwaiting = () => {
    const waiting = { seen: versionOf(latest), since: Date.now() };
    awaitingRef.current = waiting;
    setAwaiting(waiting);
    void query.refetch();
  };

  return (
    <div className="grid grid-cols-1 gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Certificate in use</CardTitle>
          <CardDescription>
            The SAML signing certificate on the PureEngage identity provider and in the transaction object.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {data.certificate ? (
            <CurrentCertificate certificate={data.certificate} warningDays={data.warningDays} />
          ) : (
            <EmptyState
              title="No certificate yet"
              description="Apply the tenant's checklist first: the SAML key material step creates the key and certificate."
            />
          )}
          <div aria-live="polite" className="text-sm" data-testid="rotation-state">
            {awaiting && !data.rotating ? (
              <StatusChip tone="progress" label="Queued: waiting for a worker" />
            ) : data.rotating ? (
              <StatusChip tone="progress" label="Rotation running" />
            ) : null}
          </div>
          {data.otherRunActive && !data.rotating ? (
            <Alert variant="info" title="Another run is in progress">
              A rotation waits until it finishes.
            </Alert>
          ) : null}
          {query.isError ? (
            <Alert variant="warning" title="Live updates paused">
              {query.error.message} The page shows the last state it received; reload to try again.
            </Alert>
          ) : null}
          {canRotate && data.certificate ? (
            <div>
              <RotateCertificateButton
                tenantId={tenantId}
                tenantName={tenantName}
                resumes={resumes}
                disabled={busy}
                onQueued={startAwaiting}
              />
            </div>
          ) : null}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Rotation history</CardTitle>
          <CardDescription>
            Each rotation with its stages; a failed one resumes from the stage that failed.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <RotationHistory rotations={data.rotations} />
        </CardContent>
      </Card>
    </div>
  );
}
