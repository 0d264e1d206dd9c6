import Link from "next/link";
import { Button } from "@/components/ui/button";
import { auditQueryString, type AuditCursor, type AuditFilters } from "@/lib/audit/filters";

/** Newest / newer / older, keeping the filters; each link is a keyset cursor on the event number. */
export function AuditPagination({
  filters,
  newer,
  older,
  onFirstPage,
}: {
  filters: AuditFilters;
  newer?: AuditCursor;
  older?: AuditCursor;
  onFirstPage: boolean;
}) {
  if (onFirstPage && !older) return null;
  return (
    <nav aria-label="Audit log pages" className="flex flex-wrap gap-2">
      {!onFirstPage ? (
        <Button asChild variant="outline" size="sm">
          <Link href={`/audit${auditQueryString(filters)}`}>Newest events</Link>
        </Button>
      ) : null}
      {newer ? (
        <Button asChild variant="outline" size="sm">
          <Link href={`/audit${auditQueryString(filters, newer)}`}>Newer events</Link>
        </Button>
      ) : null}
      {older ? (
        <Button asChild variant="outline" size="sm">
          <Link href={`/audit${auditQueryString(filters, older)}`}>Older events</Link>
        </Button>
      ) : null}
    </nav>
  );
}
