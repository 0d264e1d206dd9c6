import { z } from "zod";
import { auditActions, type AuditAction } from "@/lib/audit/events";
import { hasControlCharacters } from "@/lib/validation/text";

/** What the audit log page and the CSV export narrow the log down to. Every field is optional. */
export type AuditFilters = {
  targetType?: string;
  targetId?: string;
  actor?: string;
  action?: AuditAction;
  outcome?: "success" | "failure";
  from?: Date;
  to?: Date;
  q?: string;
};

export type AuditCursor = { before: bigint } | { after: bigint };

const auditOutcomes = ["success", "failure"] as const;
const minSearchLength = 3;

// Select controls submit "any" for "no filter", so a form without JavaScript still round-trips.
const anyValue = "any";
const blankToUndefined = (value: unknown) =>
  typeof value === "string" && (value.trim() === "" || value === anyValue) ? undefined : value;
const noControlCharacters = (value: string) => !hasControlCharacters(value);
const controlCharactersMessage = "must not contain control characters";
const optionalText = (max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(max, `must be at most ${max} characters`)
      .refine(noControlCharacters, controlCharactersMessage)
      .optional(),
  );
// PostgreSQL timestamps and the events' times: anything outside these years is a typing error, not a query.
const EARLIEST_YEAR = 1970;
const LATEST_YEAR = 9999;
const MAX_SEQ = BigInt("9223372036854775807");

function offsetMinutes(value: string): number {
  const match = /([+-])(\d{2}):(\d{2})$/.exec(value);
  return match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

// Times are UTC: a value without a zone (as <input type="datetime-local"> sends it) is read as UTC.
const utcTime = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/,
      "must be a date and time like 2026-01-31T14:30 (UTC)",
    )
    .transform((value, context) => {
      const withZone = /T.*(Z|[+-]\d{2}:\d{2})$/.test(value)
        ? value
        : value.includes("T")
          ? `${value}Z`
          : `${value}T00:00Z`;
      const date = new Date(withZone);
      // Date rolls 2026-02-30 over into March; a value that does not survive the round trip was not a real date.
      if (
        Number.isNaN(date.getTime()) ||
        new Date(date.getTime() + offsetMinutes(withZone) * 60_000).toISOString().slice(0, 10) !== value.slice(0, 10)
      ) {
        context.addIssue({ code: "custom", message: "is not a real date and time" });
        return z.NEVER;
      }
      if (date.getUTCFullYear() < EARLIEST_YEAR || date.getUTCFullYear() > LATEST_YEAR) {
        context.addIssue({ code: "custom", message: `must be between the years ${EARLIEST_YEAR} and ${LATEST_YEAR}` });
        return z.NEVER;
      }
      return date;
    })
    .optional(),
);

const seqCursor = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{1,19}$/, "must be an event number")
    .transform(BigInt)
    .refine((seq) => seq <= MAX_SEQ, "must be an event number (at most 9223372036854775807)")
    .optional(),
);

const searchParamsSchema = z
  .object({
    tenant: z.preprocess(blankToUndefined, z.uuid("must be a tenant id").optional()),
    targetType: optionalText(64),
    targetId: optionalText(200),
    actor: optionalText(320),
    action: z.preprocess(
      blankToUndefined,
      z.enum(auditActions as [AuditAction, ...AuditAction[]], "must be one of the recorded actions").optional(),
    ),
    outcome: z.preprocess(blankToUndefined, z.enum(auditOutcomes, "must be success or failure").optional()),
    from: utcTime,
    to: utcTime,
    q: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .min(minSearchLength, `needs at least ${minSearchLength} characters`)
        .max(200, "must be at most 200 characters")
        .refine(noControlCharacters, controlCharactersMessage)
        .optional(),
    ),
    before: seqCursor,
    after: seqCursor,
  })
  .superRefine((value, context) => {
    if (value.tenant && (value.targetType || value.targetId)) {
      context.addIssue({ code: "custom", path: ["tenant"], message: "cannot be combined with targetType or targetId" });
    }
    if (value.targetId && !value.targetType)
      context.addIssue({ code: "custom", path: ["targetId"], message: "needs targetType as well" });
    if (value.from && value.to && value.from >= value.to)
      context.addIssue({ code: "custom", path: ["to"], message: "must be later than from" });
    if (value.before !== undefined && value.after !== undefined)
      context.addIssue({ code: "custom", path: ["after"], message: "cannot be combined with before" });
  });

type ParsedAuditQuery = { filters: AuditFilters; cursor?: AuditCursor };
type AuditQueryParseResult = { ok: true; value: ParsedAuditQuery } | { ok: false; errors: Record<string, string[]> };

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

function firstValues(params: RawParams): Record<string, string> {
  const entries =
    params instanceof URLSearchParams
      ? [...params.keys()].map((key) => [key, params.get(key) ?? ""] as const)
      : Object.entries(params);
  const result: Record<string, string> = {};
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) result[key] = first;
  }
  return result;
}

/** Reads filters and the page cursor from the URL; bad values come back per parameter with the rule they broke. */
export function parseAuditQuery(params: RawParams): AuditQueryParseResult {
  const parsed = searchParamsSchema.safeParse(firstValues(params));
  if (!parsed.success) {
    const errors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? "query")] ??= []).push(issue.message);
    return { ok: false, errors };
  }
  const { tenant, targetType, targetId, before, after, ...rest } = parsed.data;
  const filters: AuditFilters = Object.fromEntries(
    Object.entries({ ...rest, targetType: tenant ? "tenant" : targetType, targetId: tenant ?? targetId }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  const cursor: AuditCursor | undefined =
    before !== undefined ? { before } : after !== undefined ? { after } : undefined;
  return { ok: true, value: { filters, ...(cursor ? { cursor } : {}) } };
}

/** The URL form of filters (and optionally a cursor), the inverse of parseAuditQuery. */
export function auditQueryString(filters: AuditFilters, cursor?: AuditCursor): string {
  const params = new URLSearchParams();
  if (filters.targetType === "tenant" && filters.targetId) params.set("tenant", filters.targetId);
  else {
    if (filters.targetType) params.set("targetType", filters.targetType);
    if (filters.targetId) params.set("targetId", filters.targetId);
  }
  if (filters.actor) params.set("actor", filters.actor);
  if (filters.action) params.set("action", filters.action);
  if (filters.outcome) params.set("outcome", filters.outcome);
  if (filters.from) params.set("from", filters.from.toISOString());
  if (filters.to) params.set("to", filters.to.toISOString());
  if (filters.q) params.set("q", filters.q);
  if (cursor && "before" in cursor) params.set("before", cursor.before.toString());
  if (cursor && "after" in cursor) params.set("after", cursor.after.toString());
  const text = params.toString();
  return text ? `?${text}` : "";
}

export const hasAuditFilters = (filters: AuditFilters) => Object.values(filters).some((value) => value !== undefined);
