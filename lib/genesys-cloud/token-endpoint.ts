// POST {login}/oauth/token: client credentials and SAML2 bearer exchanges, retried when throttled or unavailable.
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { isTimeout, sendOutbound, type OutboundAnswer } from "@/lib/http/outbound-request";
import { countGenesysCall, countGenesysRetry, countGenesysThrottledFinal } from "@/lib/observability/metrics";
import { GenesysCloudError } from "./errors";
import { operatorMessage } from "./operator-messages";
import { backoffMs, retryAfterSeconds, type RetryPolicy } from "./retry-policy";

export const SAML2_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:saml2-bearer";

const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number(),
});
const tokenErrorSchema = z.looseObject({
  error: z.string(),
  description: z.string().optional(),
  error_description: z.string().optional(),
});

export interface TokenResponse {
  accessToken: string;
  tokenType: string;
  expiresInSeconds: number;
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

interface TokenCall {
  loginBaseUrl: string;
  credentials: ClientCredentials;
  form: Record<string, string>;
  operation: string;
  policy: RetryPolicy;
}

const PATH = "/oauth/token";

type TokenFailure = {
  status?: number;
  code: string;
  message: string;
  correlationId?: string;
  retryable: boolean;
  cause?: unknown;
};

function fail(
  call: TokenCall,
  { status, code, message, correlationId, retryable, cause }: TokenFailure,
): GenesysCloudError {
  const host = new URL(call.loginBaseUrl).host;
  const fields = {
    status,
    code,
    correlationId,
    retryable,
    outcomeUnknown: false,
    operation: call.operation,
    method: "POST",
    path: PATH,
  };
  return new GenesysCloudError(
    { ...fields, operatorMessage: operatorMessage({ ...fields, message, messageParams: {}, host }) },
    message,
    { cause },
  );
}

function isThrottled(status: number, error: z.infer<typeof tokenErrorSchema> | undefined): boolean {
  return (
    status === 429 ||
    (status === 400 &&
      error?.error === "invalid_request" &&
      /rate limit/i.test(error.description ?? error.error_description ?? ""))
  );
}

const countTokenCall = (status: Parameters<typeof countGenesysCall>[0]["status"]) =>
  countGenesysCall({ method: "POST", path: PATH, status });
const countTokenRetry = (reason: "throttled" | "server_error" | "network") =>
  countGenesysRetry({ method: "POST", path: PATH, reason });

export async function requestToken(call: TokenCall): Promise<TokenResponse> {
  const { clientId, clientSecret } = call.credentials;
  const authorization = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64")}`;
  for (let attempt = 1; ; attempt += 1) {
    let response: OutboundAnswer;
    try {
      response = await sendOutbound(new URL(PATH, call.loginBaseUrl), {
        method: "POST",
        headers: {
          Authorization: authorization,
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/json",
        },
        body: new URLSearchParams(call.form).toString(),
        timeoutMs: call.policy.timeoutMs,
      });
    } catch (error) {
      if (attempt < call.policy.maxAttempts) {
        countTokenRetry("network");
        await sleep(backoffMs(call.policy, attempt));
        continue;
      }
      const code = isTimeout(error) ? "client.timeout" : "network.error";
      countTokenCall(isTimeout(error) ? "timeout" : "network_error");
      throw fail(call, {
        code,
        message: error instanceof Error ? error.message : String(error),
        retryable: true,
        cause: error,
      });
    }
    const correlationId = response.headers.get("inin-correlation-id") ?? undefined;
    let json: unknown;
    try {
      json = JSON.parse(response.text);
    } catch {
      json = undefined;
    }
    if (response.ok) {
      countTokenCall(response.status);
      const parsed = tokenResponseSchema.safeParse(json);
      if (!parsed.success)
        throw fail(call, {
          status: response.status,
          code: "invalid.response",
          message: `token response: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`,
          correlationId,
          retryable: false,
        });
      return {
        accessToken: parsed.data.access_token,
        tokenType: parsed.data.token_type,
        expiresInSeconds: parsed.data.expires_in,
      };
    }
    const error = tokenErrorSchema.safeParse(json).data;
    const throttled = isThrottled(response.status, error);
    const unavailable = call.policy.retryableStatuses.includes(response.status);
    if (throttled && attempt >= call.policy.maxAttempts) countGenesysThrottledFinal({ method: "POST", path: PATH });
    if ((throttled || unavailable) && attempt < call.policy.maxAttempts) {
      countTokenRetry(throttled ? "throttled" : "server_error");
      const waitMs =
        throttled && response.status === 429
          ? retryAfterSeconds(response.headers.get("retry-after")) * 1000
          : backoffMs(call.policy, attempt);
      await sleep(waitMs);
      continue;
    }
    countTokenCall(response.status);
    // A body that is not a token error of Genesys Cloud's is never repeated: the host may not be Genesys Cloud.
    const description =
      error?.description ?? error?.error_description ?? `HTTP ${response.status}, not a Genesys Cloud token error`;
    throw fail(call, {
      status: response.status,
      code: error?.error ?? `http.${response.status}`,
      message: description,
      correlationId,
      retryable: throttled || unavailable,
    });
  }
}
