/** One line of an audit page: an event on its own, or a run's events gathered under the run's newest event. */
export type AuditPageEntry<E> = { kind: "event"; event: E } | { kind: "run"; runId: string; head: E; members: E[] };

type GroupableEvent = { action: string; details: unknown };

/** The run an event belongs to, when its details name one (run, step and rotation events do). */
export function runIdOf(details: unknown): string | null {
  if (typeof details !== "object" || details === null || Array.isArray(details)) return null;
  const runId = (details as { runId?: unknown }).runId;
  return typeof runId === "string" && runId !== "" ? runId : null;
}

/**
 * Gathers the events of one run on a page (newest first) under one entry, placed where its newest event was. The head
 * is the run's own newest `run.*` event (its finish, or its start while it goes), else its newest event; the members
 * keep the page's order. A run with a single event on the page stays a plain event, so filters and paging still show
 * every matching event exactly once.
 */
export function groupRunEvents<E extends GroupableEvent>(events: readonly E[]): AuditPageEntry<E>[] {
  const byRun = new Map<string, E[]>();
  for (const event of events) {
    const runId = runIdOf(event.details);
    if (runId) byRun.set(runId, [...(byRun.get(runId) ?? []), event]);
  }
  const entries: AuditPageEntry<E>[] = [];
  const placed = new Set<string>();
  for (const event of events) {
    const runId = runIdOf(event.details);
    const group = runId ? byRun.get(runId)! : [];
    if (!runId || group.length < 2) {
      entries.push({ kind: "event", event });
      continue;
    }
    if (placed.has(runId)) continue;
    placed.add(runId);
    const head = group.find((member) => member.action.startsWith("run.")) ?? group[0]!;
    entries.push({ kind: "run", runId, head, members: group.filter((member) => member !== head) });
  }
  return entries;
}
