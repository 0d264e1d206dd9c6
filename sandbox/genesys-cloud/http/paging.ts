// The Platform API paging envelope.
import type { RequestContext } from "./context";
import { queryInt } from "./context";

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 500;

function pageUri(ctx: RequestContext, pageNumber: number, pageSize: number): string {
  const params = new URLSearchParams(ctx.url.searchParams);
  params.set("pageSize", String(pageSize));
  params.set("pageNumber", String(pageNumber));
  return `${ctx.url.pathname}?${params.toString()}`;
}

export function paged<T>(ctx: RequestContext, items: readonly T[], defaultPageSize = DEFAULT_PAGE_SIZE) {
  const pageSize = queryInt(ctx, "pageSize", {
    fallback: defaultPageSize,
    min: 1,
    max: Math.max(MAX_PAGE_SIZE, defaultPageSize),
  });
  const pageNumber = queryInt(ctx, "pageNumber", { fallback: 1, min: 1, max: 1_000_000 });
  const total = items.length;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return {
    entities: items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
    pageSize,
    pageNumber,
    total,
    pageCount,
    firstUri: pageUri(ctx, 1, pageSize),
    selfUri: pageUri(ctx, pageNumber, pageSize),
    lastUri: pageUri(ctx, pageCount, pageSize),
    ...(pageNumber < pageCount ? { nextUri: pageUri(ctx, pageNumber + 1, pageSize) } : {}),
    ...(pageNumber > 1 ? { previousUri: pageUri(ctx, pageNumber - 1, pageSize) } : {}),
  };
}
