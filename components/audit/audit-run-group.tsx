"use client";

import { useId, useState } from "react";
import { ChevronDown, ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";
import { AuditRow } from "@/components/audit/audit-row";
import type { AuditEventView } from "@/components/audit/event-view";

/** A run's row, with its step events folded beneath it until asked for. */
export function AuditRunGroup({ head, members }: { head: AuditEventView; members: AuditEventView[] }) {
  const [open, setOpen] = useState(false);
  const membersId = useId();
  const more = `${members.length} more ${members.length === 1 ? "event" : "events"}`;
  const toggle = (
    <Button
      variant="ghost"
      size="sm"
      className="-ml-2 mt-1 h-7 px-2 text-xs"
      aria-expanded={open}
      aria-controls={membersId}
      aria-label={`${open ? "Hide" : "Show"} ${more} of this run`}
      onClick={() => setOpen((wasOpen) => !wasOpen)}
    >
      {open ? <ChevronDown aria-hidden="true" /> : <ChevronRight aria-hidden="true" />}
      {more}
    </Button>
  );
  return (
    <tbody id={membersId} data-testid="audit-run">
      <AuditRow event={head} extra={toggle} />
      {open ? members.map((member) => <AuditRow key={member.seq} event={member} nested />) : null}
    </tbody>
  );
}
