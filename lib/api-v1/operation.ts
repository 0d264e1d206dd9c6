import type { z } from "zod";
import type { Action } from "@/lib/auth/permissions";

/**
 * One operation of /api/v1: its path, the permission it needs, and the zod schemas that validate its input and
 * shape its answer. The route handler and the OpenAPI document are both made from this, so they cannot disagree.
 */
export type ApiOperation<
  Params extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
  Result extends z.ZodType = z.ZodType,
> = {
  operationId: string;
  method: "get" | "post" | "patch";
  /** OpenAPI form, relative to /api/v1: /tenants/{id} */
  path: string;
  summary: string;
  tag: string;
  /** Omitted only for the health check, which needs no token. */
  permission?: Action;
  params?: Params;
  query?: Query;
  body?: Body;
  response: Result;
  status?: 200 | 201 | 202;
  /** POSTs that start runs accept an Idempotency-Key header. */
  idempotent?: boolean;
  /** Also needs the admin role when called with a token; the text says why (the OpenAPI document shows it). */
  adminOnly?: string;
  /** A document in the body, read by the handler: JSON (this schema) or text of the other content types. */
  documentBody?: { json: z.ZodType; textTypes: string[]; description: string };
};

export const defineOperation = <
  Params extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
  Result extends z.ZodType = z.ZodType,
>(
  operation: ApiOperation<Params, Query, Body, Result>,
) => operation;
