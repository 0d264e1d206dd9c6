"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { ProbeResults } from "@/components/network/probe-results";
import { probeNetworkAction } from "@/components/network/actions";
import { probeVerdict } from "@/components/network/probe-verdict";
import type { ProbeReport } from "@/lib/network/probe-regions";

/** Runs the reachability probe for one region from the server and shows each host's result. */
export function NetworkProbe({
  regions,
  defaultRegion,
}: {
  regions: { id: string; label: string }[];
  defaultRegion: string;
}) {
  const [region, setRegion] = useState(defaultRegion);
  const [report, setReport] = useState<ProbeReport>();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();

  function run() {
    startTransition(async () => {
      const result = await probeNetworkAction({ regions: [region] });
      if (!result.ok) {
        setError(result.fieldErrors?.regions?.join(" ") ?? result.error);
        toast.error("Could not run the probe", { description: result.error });
        return;
      }
      setError(undefined);
      setReport(result.data);
      // A probe that found hosts unreachable finished, but it is not a success.
      const verdict = probeVerdict(result.data.results);
      toast[verdict.tone](`Probe finished: ${verdict.title}`, { description: verdict.advice });
    });
  }

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          label="Region"
          error={error}
          className="w-72 max-w-full"
          value={region}
          onValueChange={setRegion}
          options={regions.map((option) => ({ value: option.id, label: `${option.label} (${option.id})` }))}
        />
        <Button onClick={run} loading={pending} loadingText="Probing…">
          Run probe
        </Button>
      </div>
      {report ? (
        <ProbeResults report={report} />
      ) : (
        <p className="text-sm text-muted-foreground">
          No probe run yet. It resolves each host and opens a TCP connection to it; nothing is sent.
        </p>
      )}
    </div>
  );
}
