import { Alert } from "@/components/ui/alert";
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
  const reachable = results.filter((result) => result.status === "reachable").length;
  const dnsFailed = results.filter((result) => result.status === "dns_failed").length;
  if (reachable === results.length) {
    return (
      <Alert variant="success" title={`Every host is reachable from this server (${results.length} checked)`}>
        The firewall lets this server out on TCP 443.
      </Alert>
    );
  }
  const title = `${reachable} of ${results.length} hosts reachable from this server`;
  if (reachable === 0 && dnsFailed === results.length) {
    return (
      <Alert variant="warning" title={title}>
        No host name resolved. This server probably has no DNS for internet names or no internet access at all. That
        blocks provisioning from here; ask the network team to allow DNS resolution and the hosts below on TCP 443, or
        run provisioning from a machine that has access.
      </Alert>
    );
  }
  return (
    <Alert variant="warning" title={title}>
      Send the failing hosts below to the network team with the allow-list export; each row says what failed.
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
