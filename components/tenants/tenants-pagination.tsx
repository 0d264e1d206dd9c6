import Link from "next/link";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";
import { overviewQueryString, PAGE_SIZES, type OverviewParams } from "@/lib/tenants/overview-params";

export function TenantsPagination({
  basePath,
  params,
  page,
  pageCount,
  total,
}: {
  basePath: string;
  params: OverviewParams;
  page: number;
  pageCount: number;
  total: number;
}) {
  const href = (changes: Partial<OverviewParams>) => `${basePath}${overviewQueryString(params, changes)}`;
  return (
    <nav aria-label="Tenant pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-muted-foreground">
        {total.toLocaleString("en")} tenant{total === 1 ? "" : "s"} · page {page} of {pageCount}
      </p>
      <div className="flex items-center gap-1">
        <span className="mr-1 text-muted-foreground">Per page:</span>
        {PAGE_SIZES.map((size) => (
          <Button key={size} asChild variant={size === params.size ? "secondary" : "ghost"} size="sm">
            <Link href={href({ size, page: 1 })} aria-current={size === params.size ? "true" : undefined}>
              {size}
            </Link>
          </Button>
        ))}
      </div>
      <div className="flex gap-2">
        {page > 1 ? (
          <Button asChild variant="outline" size="sm">
            <Link href={href({ page: page - 1 })}>
              <ChevronLeft aria-hidden="true" /> Previous
            </Link>
          </Button>
        ) : null}
        {page < pageCount ? (
          <Button asChild variant="outline" size="sm">
            <Link href={href({ page: page + 1 })}>
              Next <ChevronRight aria-hidden="true" />
            </Link>
          </Button>
        ) : null}
      </div>
    </nav>
  );
}
