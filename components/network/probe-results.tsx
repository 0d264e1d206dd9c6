import { Alert } from "@/components/ui/alert";
import { probeVerdict } from "@/components/network/probe-verdict";
import { StatusChip } from "@/components/ui/status-chip";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ProbeResult } from "@/lib/network/probe";
import type { ProbeReport } from "@/lib/network/probe-regions";

function Outcome({ result }: { result: ProbeResult }) {
  if (result.status === "reachable") return <StatusChip tone="success" label="Reachable" />;
  if (result.status === "dns_failed") return <StatusChip tone="danger" label="Name not resolved" />;
  return <StatusChip tone="danger" label="Connection failed" />;
}

function Summary({ results }: { results: ProbeResult[] }) {
  const verdict = probeVerdict(results);
  return (
    <Alert variant={verdict.tone} title={verdict.title} data-testid="probe-verdict" data-tone={verdict.tone}>
      {verdict.advice}
    </Alert>
  );
}

/** Per-host outcome of a probe, with what failed in operator words. */
export function ProbeResults({ report }: { report: ProbeReport }) {
  return (
    <div className="grid gap-3" data-testid="probe-results">
      <Summary results={report.results} />
      <Table>
        <TableCaption className="sr-only">Reachability of each host, checked {report.checkedAt}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Host</TableHead>
            <TableHead>Result</TableHead>
            <TableHead>DNS</TableHead>
            <TableHead>TCP connect</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {report.results.map((result) => (
            <TableRow key={`${result.target.host}:${result.target.port}`}>
              <TableCell>
                <div className="font-mono text-xs">
                  {result.target.host}:{result.target.port}
                </div>
                {result.target.label ? (
                  <div className="text-xs text-muted-foreground">{result.target.label}</div>
                ) : null}
              </TableCell>
              <TableCell>
                <Outcome result={result} />
              </TableCell>
              <TableCell className="text-xs">
                {result.dns.ok
                  ? `${result.addresses.join(", ")} (${result.dns.ms} ms)`
                  : `${result.dns.message} (${result.dns.code}, ${result.dns.ms} ms)`}
              </TableCell>
              <TableCell className="text-xs">
                {result.tcp === undefined
                  ? "Not tried"
                  : result.tcp.ok
                    ? `Connected in ${result.tcp.ms} ms`
                    : `${result.tcp.message} (${result.tcp.code}, ${result.tcp.ms} ms)`}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <p className="text-xs text-muted-foreground">
        Checked {report.checkedAt.replace("T", " ").slice(0, 19)} UTC from this server.
      </p>
    </div>
  );
}
