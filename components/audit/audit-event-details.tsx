"use client";

import type { ReactNode } from "react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { OutcomeChip } from "@/components/audit/outcome-chip";
import type { AuditEventView } from "@/components/audit/event-view";

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5 sm:grid-cols-[9rem_1fr] sm:gap-3">
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

/** The whole of one event: who, what, on what, the redacted details and the ids to follow it elsewhere. */
export function AuditEventDetails({ event }: { event: AuditEventView }) {
  const targetQuery =
    event.targetType && event.targetId
      ? new URLSearchParams({ targetType: event.targetType, targetId: event.targetId }).toString()
      : null;
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={`Details of event ${event.seq}`}>
          Details
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>Event #{event.seq}</DialogTitle>
          <DialogDescription>
            <span className="font-mono">{event.action}</span> at {event.occurredAt}. Secrets were removed before it was
            recorded.
          </DialogDescription>
        </DialogHeader>
        <dl className="grid gap-2 text-sm">
          <Item term="Outcome">
            <OutcomeChip outcome={event.outcome} />
          </Item>
          <Item term="Actor">
            {event.actorEmail ?? "unknown"}
            {event.actorRole ? ` (${event.actorRole})` : ""}
          </Item>
          <Item term="Client">{[event.clientAddress, event.userAgent].filter(Boolean).join(" · ") || "—"}</Item>
          <Item term="Target">
            {event.targetType ? (
              <>
                {event.targetLabel ?? event.targetId}{" "}
                <span className="text-muted-foreground">
                  ({event.targetType} {event.targetId})
                </span>
                {targetQuery ? (
                  <>
                    {" "}
                    <Link className="font-medium text-primary hover:underline" href={`/audit?${targetQuery}`}>
                      All events for this {event.targetType}
                    </Link>
                  </>
                ) : null}
              </>
            ) : (
              "—"
            )}
          </Item>
          {event.correlationIds.length > 0 ? (
            <Item term="Correlation ids">
              <ul className="grid gap-1">
                {event.correlationIds.map((id) => (
                  <li key={`${id.label}-${id.value}`}>
                    <span className="text-muted-foreground">{id.label}: </span>
                    <Link
                      className="font-mono text-xs text-primary hover:underline"
                      href={`/audit?${new URLSearchParams({ q: id.value })}`}
                    >
                      {id.value}
                    </Link>
                  </li>
                ))}
              </ul>
            </Item>
          ) : null}
          <Item term="Hash">
            <span className="font-mono text-xs">{event.hash}</span>
          </Item>
          <Item term="Previous hash">
            <span className="font-mono text-xs">{event.prevHash}</span>
          </Item>
        </dl>
        <div className="grid gap-1.5">
          <h3 className="text-sm font-semibold">Details (redacted)</h3>
          <pre
            tabIndex={0}
            aria-label="Event details as JSON"
            className="max-h-72 overflow-auto whitespace-pre-wrap rounded-md border border-border bg-muted p-3 font-mono text-xs [overflow-wrap:anywhere]"
          >
            {event.detailsJson}
          </pre>
        </div>
      </DialogContent>
    </Dialog>
  );
}
