"use client";

import { useEffect, useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { OverviewSnapshot } from "@/lib/tenants/overview-data";

/** While runs are queued or going, and for a while after this page queued some (a worker may not have started yet). */
export const BUSY_POLL_MS = 2_000;
/** With nothing running: slow, only to pick up what others start. Hidden tabs do not poll at all. */
export const IDLE_POLL_MS = 30_000;
const AFTER_QUEUE_MS = 30_000;

async function fetchOverview(queryString: string): Promise<OverviewSnapshot> {
  const response = await fetch(`/api/tenants/overview${queryString}`, { cache: "no-store" });
  const body = (await response.json().catch(() => ({}))) as OverviewSnapshot & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `The overview request failed (${response.status}).`);
  return body;
}

const isBusy = (snapshot: OverviewSnapshot | undefined) =>
  Boolean(snapshot && (snapshot.runsInFlight > 0 || snapshot.counts.byStatus.running > 0));

/**
 * The overview for one URL state, kept live by polling GET /api/tenants/overview with the same parameters: every
 * BUSY_POLL_MS while runs go, every IDLE_POLL_MS otherwise, never while the tab is hidden. The page's own render is
 * the first value, and a newer render (after router.refresh) replaces an older poll.
 */
export function useOverviewSnapshot(initial: OverviewSnapshot, queryString: string) {
  const queryClient = useQueryClient();
  const queryKey = ["tenants-overview", queryString];
  const [queuedAt, setQueuedAt] = useState<number | null>(null);
  const queuedAtRef = useRef<number | null>(null);
  const initialAt = Date.parse(initial.checkedAt);

  const query = useQuery({
    queryKey,
    queryFn: () => fetchOverview(queryString),
    initialData: initial,
    initialDataUpdatedAt: initialAt,
    staleTime: 1_000,
    refetchIntervalInBackground: false,
    refetchInterval: (current) => {
      const queued = queuedAtRef.current;
      const recentlyQueued = queued !== null && Date.now() - queued < AFTER_QUEUE_MS;
      return recentlyQueued || isBusy(current.state.data) ? BUSY_POLL_MS : IDLE_POLL_MS;
    },
  });

  useEffect(() => {
    const cached = queryClient.getQueryState<OverviewSnapshot>(["tenants-overview", queryString]);
    if (cached && cached.dataUpdatedAt < initialAt) {
      queryClient.setQueryData(["tenants-overview", queryString], initial, { updatedAt: initialAt });
    }
  }, [queryClient, queryString, initial, initialAt]);

  /** After this page queued runs: poll fast at once, before any worker has picked them up. */
  const onQueued = () => {
    const now = Date.now();
    queuedAtRef.current = now;
    setQueuedAt(now);
    void query.refetch();
  };
  const fast = isBusy(query.data) || (queuedAt !== null && query.dataUpdatedAt - queuedAt < AFTER_QUEUE_MS);
  return { snapshot: query.data, error: query.isError ? query.error : null, onQueued, fast };
}
