// The overview's sort as a list of keys, so that the same keys give the ORDER BY and, for cursor paging, the WHERE
// of "the rows after this one": a cursor stays right when tenants are added or removed between pages.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OverviewParams } from "./overview-params";

type SortField =
  "cfgTenantName" | "deploymentName" | "region" | "orgShortName" | "certificateExpiresAt" | "createdAt" | "id";
interface SortKey {
  field: SortField;
  dir: "asc" | "desc";
  nullsLast?: boolean;
}

/** A row's values of the sort keys, dates as ISO strings. */
export type SortValues = (string | null)[];

/** What a row must carry for its sort values to be read. */
export interface SortableTenant {
  id: string;
  cfgTenantName: string;
  region: string | null;
  orgShortName: string | null;
  certificateExpiresAt: Date | null;
  createdAt: Date;
  deployment: { name: string };
}

export function sortKeys({ sort, dir }: Pick<OverviewParams, "sort" | "dir">): SortKey[] {
  const name: SortKey = { field: "cfgTenantName", dir: "asc" };
  const primary: Record<OverviewParams["sort"], SortKey[]> = {
    tenant: [
      { field: "cfgTenantName", dir },
      { field: "deploymentName", dir: "asc" },
    ],
    deployment: [{ field: "deploymentName", dir }, name],
    region: [{ field: "region", dir, nullsLast: true }, name],
    org: [{ field: "orgShortName", dir, nullsLast: true }, name],
    expiry: [{ field: "certificateExpiresAt", dir, nullsLast: true }, name],
    created: [{ field: "createdAt", dir }],
  };
  return [...primary[sort], { field: "id", dir: "asc" }];
}

export function orderByOf(keys: SortKey[]): Prisma.TenantOrderByWithRelationInput[] {
  return keys.map(({ field, dir, nullsLast }) => {
    if (field === "deploymentName") return { deployment: { name: dir } };
    return (
      nullsLast ? { [field]: { sort: dir, nulls: "last" } } : { [field]: dir }
    ) as Prisma.TenantOrderByWithRelationInput;
  });
}

const isDate = (field: SortField) => field === "certificateExpiresAt" || field === "createdAt";

function on(key: SortKey, condition: unknown): Prisma.TenantWhereInput {
  if (key.field === "deploymentName") return { deployment: { name: condition as Prisma.StringFilter } };
  return { [key.field]: condition } as Prisma.TenantWhereInput;
}

const typed = (key: SortKey, value: string) => (isDate(key.field) ? new Date(value) : value);

const equalTo = (key: SortKey, value: string | null) => on(key, value === null ? null : { equals: typed(key, value) });

/** Rows that sort after `value` on this key alone; none after a null, which sorts last. */
function afterOn(key: SortKey, value: string | null): Prisma.TenantWhereInput | undefined {
  if (value === null) return undefined;
  const beyond = on(key, key.dir === "asc" ? { gt: typed(key, value) } : { lt: typed(key, value) });
  return key.nullsLast ? { OR: [beyond, on(key, null)] } : beyond;
}

/** The rows after the one with these values: equal on the first i keys and after on key i, for some i. */
export function afterWhere(keys: SortKey[], values: SortValues): Prisma.TenantWhereInput {
  const alternatives: Prisma.TenantWhereInput[] = [];
  keys.forEach((key, index) => {
    const after = afterOn(key, values[index] ?? null);
    if (after)
      alternatives.push({ AND: [...keys.slice(0, index).map((k, i) => equalTo(k, values[i] ?? null)), after] });
  });
  return { OR: alternatives };
}

export function sortValuesOf(keys: SortKey[], tenant: SortableTenant): SortValues {
  return keys.map(({ field }) => {
    const value = field === "deploymentName" ? tenant.deployment.name : tenant[field];
    return value instanceof Date ? value.toISOString() : value;
  });
}

const cursorSchema = z.object({ sort: z.string(), dir: z.string(), values: z.array(z.string().nullable()) });

/** An opaque cursor: the sort it belongs to and the last row's values (no secrets: names, dates and an id). */
export function encodeCursor(params: Pick<OverviewParams, "sort" | "dir">, values: SortValues): string {
  return Buffer.from(JSON.stringify({ sort: params.sort, dir: params.dir, values }), "utf8").toString("base64url");
}

const invalidCursor = (rule: string) => new AppError("invalid_input", "The cursor cannot be used.", { cursor: [rule] });

export function decodeCursor(cursor: string, params: Pick<OverviewParams, "sort" | "dir">): SortValues {
  let parsed: z.infer<typeof cursorSchema>;
  try {
    parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw invalidCursor("must be a nextCursor from a previous page");
  }
  const keys = sortKeys(params);
  if (parsed.sort !== params.sort || parsed.dir !== params.dir || parsed.values.length !== keys.length)
    throw invalidCursor(`was made for another sort; use it with sort=${parsed.sort}&dir=${parsed.dir} or start again`);
  keys.forEach((key, index) => {
    const value = parsed.values[index];
    if (value !== null && value !== undefined && isDate(key.field) && Number.isNaN(Date.parse(value)))
      throw invalidCursor("must be a nextCursor from a previous page");
  });
  return parsed.values;
}
