import { z } from "zod";
import { isSingleLine } from "@/lib/validation/text";
import { TENANT_STATUSES } from "./statuses";

export const SORT_KEYS = ["tenant", "deployment", "region", "org", "expiry", "created"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;

/** A filter a person types (search, region). */
const typedFilter = z
  .string()
  .trim()
  .max(200, "must be at most 200 characters")
  .refine(isSingleLine, "must not contain control characters or line breaks");

const optionalText = typedFilter.optional().transform((value) => (value ? value : undefined));

/** The overview's state in the URL; anything malformed falls back to its default instead of failing the page. */
export const overviewParamsSchema = z.object({
  q: optionalText.catch(undefined),
  deployment: z.uuid().optional().catch(undefined),
  region: optionalText.catch(undefined),
  status: z.enum(TENANT_STATUSES).optional().catch(undefined),
  drift: z.enum(["yes", "no"]).optional().catch(undefined),
  /** "expiring": the SAML certificate expires within CERTIFICATE_WARNING_DAYS or already has. */
  cert: z.enum(["expiring"]).optional().catch(undefined),
  sort: z.enum(SORT_KEYS).catch("tenant"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  size: z.coerce
    .number()
    .pipe(z.union(PAGE_SIZES.map((size) => z.literal(size))))
    .catch(25),
});

export type OverviewParams = z.output<typeof overviewParamsSchema>;
export type SearchParams = Record<string, string | string[] | undefined>;

export function parseOverviewParams(searchParams: SearchParams): OverviewParams {
  const first = Object.fromEntries(
    Object.entries(searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
  return overviewParamsSchema.parse({
    ...first,
    sort: first.sort ?? "tenant",
    dir: first.dir ?? "asc",
    page: first.page ?? 1,
    size: first.size ?? 25,
  });
}

const typedFilters = { q: "Search", region: "Region" } as const;

/**
 * What the lenient parse left out of the filters a person types (search, region), each naming the filter and the rule,
 * so the page says why it shows more than was asked for.
 */
export function ignoredFilters(searchParams: SearchParams): string[] {
  return Object.entries(typedFilters).flatMap(([key, label]) => {
    const raw = searchParams[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined) return [];
    const checked = typedFilter.safeParse(value);
    return checked.success ? [] : [`${label} (${key}) ${checked.error.issues[0]!.message}; it was ignored.`];
  });
}

/** The same parameters from a route's URL (the first of a repeated key, as the page takes it). */
export function parseOverviewSearch(search: URLSearchParams): OverviewParams {
  const searchParams: SearchParams = {};
  for (const key of new Set(search.keys())) searchParams[key] = search.getAll(key);
  return parseOverviewParams(searchParams);
}

const defaults: Partial<Record<keyof OverviewParams, string>> = { sort: "tenant", dir: "asc", page: "1", size: "25" };

/** The query string for these params with some changed; defaults are left out so URLs stay short. */
export function overviewQueryString(params: OverviewParams, changes: Partial<OverviewParams> = {}): string {
  const merged: Partial<OverviewParams> = { ...params, ...changes };
  const search = new URLSearchParams();
  // In the schema's order, so the same state always gives the same URL (links can be compared).
  for (const key of Object.keys(overviewParamsSchema.shape) as (keyof OverviewParams)[]) {
    const value = merged[key];
    if (value === undefined || value === null || String(value) === defaults[key]) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export const hasFilters = (params: OverviewParams) =>
  Boolean(params.q || params.deployment || params.region || params.status || params.drift || params.cert);
