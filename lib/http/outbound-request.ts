// The one HTTP client for calls to Genesys Cloud and GAX: undici's `request`, which costs a fraction of `fetch`'s CPU
// per call (no WHATWG streams). Redirects are never followed, so credentials go only to the host they were meant for.
import { request } from "undici";

export interface OutboundRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/** An answer's headers, read by name in any case; a header given more than once reads as its values joined by ", ". */
export class AnswerHeaders {
  constructor(private readonly values: Record<string, string | string[] | undefined>) {}

  get(name: string): string | null {
    const value = this.values[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : value;
  }

  getSetCookie(): string[] {
    const value = this.values["set-cookie"];
    if (value === undefined) return [];
    return Array.isArray(value) ? value : [value];
  }
}

export interface OutboundAnswer {
  status: number;
  ok: boolean;
  headers: AnswerHeaders;
  /** The whole body as text. */
  text: string;
}

/**
 * Sends one request and reads its whole answer within `timeoutMs`. A timeout rejects with an error named
 * "TimeoutError"; a connection that could not be made rejects with the socket's error (its `code`, e.g. ECONNREFUSED).
 */
export async function sendOutbound(url: URL | string, options: OutboundRequest): Promise<OutboundAnswer> {
  const answer = await request(url, {
    method: options.method as "GET",
    headers: options.headers,
    body: options.body,
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  const text = await answer.body.text();
  return {
    status: answer.statusCode,
    ok: answer.statusCode >= 200 && answer.statusCode < 300,
    headers: new AnswerHeaders(answer.headers),
    text,
  };
}

/** A send that gave up after its `timeoutMs` (or was aborted). */
export function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

/** Connection refused or host unknown: the request never reached the server, so it is safe to send again. */
export function neverSent(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
}
