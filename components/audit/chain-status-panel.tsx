import { Alert } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { ChainStatus } from "@/components/audit/chain-status";
import { sharedChainStatus } from "@/lib/audit/chain-status";
import { getDb } from "@/lib/db/client";
import { log } from "@/lib/observability/logger";

/** Streams in after the table: the first check after a start reads the whole log. */
export async function ChainStatusPanel() {
  const status = await sharedChainStatus(getDb()).catch((error: unknown) => {
    log().error({ err: error }, "audit chain verification failed");
    return undefined;
  });
  if (status) return <ChainStatus {...status} />;
  return (
    <Alert variant="warning" title="Could not check the hash chain">
      The database did not answer the check. Reload the page in a moment; <code>npm run cli -- audit verify</code> runs
      the same check.
    </Alert>
  );
}

export function ChainStatusSkeleton() {
  return (
    <div aria-busy="true" aria-label="Verifying the hash chain" className="grid gap-1">
      <Skeleton className="h-6 w-72" />
      <Skeleton className="h-3 w-48" />
    </div>
  );
}
