// Sends Platform API calls: bearer token, per-org pacing, timeouts, retries, typed errors, validated answers.
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { isTimeout, neverSent, sendOutbound, type OutboundAnswer } from "@/lib/http/outbound-request";
import { countGenesysCall, countGenesysRetry, countGenesysThrottledFinal } from "@/lib/observability/metrics";
import { GenesysCloudError } from "./errors";
import { operatorMessage } from "./operator-messages";
import type { OrgRateLimiter } from "./rate-limiter";
import { backoffMs, retryAfterSeconds, type RetryPolicy } from "./retry-policy";

export interface CallRecord {
  operation: string;
  method: string;
  path: string;
  status: number | undefined;
  code?: string;
  correlationId: string | undefined;
  attempts: number;
  durationMs: number;
}

interface CallSpec<S extends z.ZodType | undefined> {
  /** What the call does, in words operators read ("create OAuth client"). */
  operation: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, string | number | boolean | readonly (string | number)[] | undefined>;
  body?: unknown;
  /** Schema of a successful answer; omit for answers without a body. */
  schema?: S;
  /** Safe to send twice. Defaults to true for GET, PUT and DELETE. */
  idempotent?: boolean;
}

interface TransportOptions {
  apiBaseUrl: string;
  limiter: OrgRateLimiter;
  policy: RetryPolicy;
  getToken(): Promise<string>;
  invalidateToken(token: string): void;
  onCall?: (record: CallRecord) => void;
}

const apiErrorSchema = z.looseObject({
  message: z.string().optional(),
  code: z.string().optional(),
  messageParams: z.record(z.string(), z.string()).optional(),
});

function urlFor(base: string, spec: CallSpec<z.ZodType | undefined>): URL {
  const url = new URL(spec.path, base);
  for (const [key, value] of Object.entries(spec.query ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
  }
  return url;
}

type CallResult<S> = S extends z.ZodType ? z.output<S> : undefined;

export class Transport {
  constructor(private readonly options: TransportOptions) {}

  async call<S extends z.ZodType | undefined = undefined>(spec: CallSpec<S>): Promise<CallResult<S>> {
    const { policy, limiter } = this.options;
    const idempotent = spec.idempotent ?? spec.method !== "POST";
    const url = urlFor(this.options.apiBaseUrl, spec);
    const started = Date.now();
    let attempts = 0;
    let throttled = 0;
    let tokenRenewed = false;

    const finish = (status: number | undefined, correlationId: string | undefined, code?: string) => {
      const answered = status ?? (code === "client.timeout" ? "timeout" : "network_error");
      countGenesysCall({ method: spec.method, path: spec.path, status: answered });
      this.options.onCall?.({
        operation: spec.operation,
        method: spec.method,
        path: spec.path,
        status,
        code,
        correlationId,
        attempts,
        durationMs: Date.now() - started,
      });
    };
    const retrying = (reason: Parameters<typeof countGenesysRetry>[0]["reason"]) =>
      countGenesysRetry({ method: spec.method, path: spec.path, reason });
    type Failure = {
      status?: number;
      code: string;
      message: string;
      correlationId?: string;
      retryable: boolean;
      outcomeUnknown: boolean;
      messageParams?: Record<string, string>;
      cause?: unknown;
    };
    const failure = ({ status, code, message, correlationId, messageParams = {}, cause, ...flags }: Failure) => {
      finish(status, correlationId, code);
      const fields = {
        status,
        code,
        correlationId,
        operation: spec.operation,
        method: spec.method,
        path: spec.path,
        messageParams,
        ...flags,
      };
      return new GenesysCloudError(
        { ...fields, operatorMessage: operatorMessage({ ...fields, message, host: url.host }) },
        message,
        { cause },
      );
    };

    for (;;) {
      attempts += 1;
      const release = await limiter.acquire();
      let token = "";
      let response: OutboundAnswer | undefined;
      let text = "";
      let sendError: unknown;
      try {
        token = await this.options.getToken();
        response = await sendOutbound(url, {
          method: spec.method,
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: "application/json",
            ...(spec.body === undefined ? {} : { "Content-Type": "application/json" }),
          },
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          timeoutMs: policy.timeoutMs,
        });
        text = response.text;
      } catch (error) {
        if (error instanceof GenesysCloudError) throw error;
        sendError = error;
      } finally {
        release(response?.headers);
      }

      if (sendError !== undefined || !response) {
        const safe = idempotent || neverSent(sendError);
        if (safe && attempts < policy.maxAttempts) {
          retrying("network");
          await sleep(backoffMs(policy, attempts));
          continue;
        }
        const code = isTimeout(sendError) ? "client.timeout" : "network.error";
        const message =
          sendError instanceof Error
            ? `${sendError.message}${sendError.cause instanceof Error ? ` (${sendError.cause.message})` : ""}`
            : String(sendError);
        throw failure({ code, message, retryable: safe, outcomeUnknown: !safe, cause: sendError });
      }

      const { status } = response;
      const correlationId = response.headers.get("inin-correlation-id") ?? undefined;
      let json: unknown = undefined;
      if (text) {
        try {
          json = JSON.parse(text);
        } catch {
          if (response.ok)
            throw failure({
              status,
              code: "invalid.response",
              message: "the answer is not JSON",
              correlationId,
              retryable: false,
              outcomeUnknown: false,
            });
        }
      }

      if (response.ok) {
        const parsed = spec.schema?.safeParse(json);
        if (!parsed || parsed.success) {
          finish(status, correlationId);
          return parsed?.data as CallResult<S>;
        }
        const issue = parsed.error.issues[0];
        throw failure({
          status,
          code: "invalid.response",
          message: `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`,
          correlationId,
          retryable: false,
          outcomeUnknown: false,
        });
      }

      const error = apiErrorSchema.safeParse(json).data ?? {};
      const code = error.code ?? `http.${status}`;
      // A body that is not a Genesys Cloud error is never repeated: the host may not be Genesys Cloud.
      const message = error.message ?? `HTTP ${response.status}, not a Genesys Cloud error`;
      if (status === 401 && !tokenRenewed) {
        tokenRenewed = true;
        attempts -= 1;
        this.options.invalidateToken(token);
        retrying("token_renewed");
        continue;
      }
      if (status === 429) {
        const waitSeconds = retryAfterSeconds(response.headers.get("retry-after"));
        throttled += 1;
        if (waitSeconds <= policy.maxRetryAfterSeconds && throttled <= policy.max429Retries) {
          attempts -= 1;
          limiter.pauseFor(waitSeconds * 1000);
          retrying("throttled");
          continue;
        }
        countGenesysThrottledFinal({ method: spec.method, path: spec.path });
        throw failure({
          status,
          code,
          message,
          correlationId,
          retryable: true,
          outcomeUnknown: false,
          messageParams: error.messageParams,
        });
      }
      if (policy.retryableStatuses.includes(status)) {
        if (idempotent && attempts < policy.maxAttempts) {
          retrying("server_error");
          await sleep(backoffMs(policy, attempts));
          continue;
        }
        throw failure({
          status,
          code,
          message,
          correlationId,
          retryable: idempotent,
          outcomeUnknown: !idempotent,
          messageParams: error.messageParams,
        });
      }
      if (status === 404 && spec.method === "DELETE" && attempts > 1) {
        finish(status, correlationId, code);
        return undefined as CallResult<S>;
      }
      throw failure({
        status,
        code,
        message,
        correlationId,
        retryable: false,
        outcomeUnknown: false,
        messageParams: error.messageParams,
      });
    }
  }
}
