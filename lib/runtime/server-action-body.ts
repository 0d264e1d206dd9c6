import { IncomingMessage } from "node:http";

/** Next.js's default `serverActions.bodySizeLimit` (1 MB). */
export const SERVER_ACTION_BODY_LIMIT = 1024 * 1024;

export type ServerActionBody =
  { ok: true; body: Buffer } | { ok: false; status: 400 | 413; code: string; error: string };

const refused = (status: 400 | 413, error: string): ServerActionBody => ({
  ok: false,
  status,
  code: status === 413 ? "too_large" : "invalid_input",
  error,
});

function isWellFormed(body: Buffer, contentType: string): boolean {
  const boundary = /^multipart\/form-data;.*\bboundary=("?)([^";]+)\1/i.exec(contentType)?.[2];
  if (boundary) return body.includes(`--${boundary}--`);
  if (/^multipart\//i.test(contentType)) return false;
  try {
    return Array.isArray(JSON.parse(body.toString("utf8")));
  } catch {
    return false;
  }
}

/**
 * Reads a server action's body and checks its envelope (a JSON argument list, or a complete multipart form), so that
 * a malformed call gets a clear 400 here instead of a 500 from inside Next.js.
 */
export async function readServerActionBody(request: IncomingMessage, limit: number): Promise<ServerActionBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return refused(413, `A server action call may be at most ${limit} bytes.`);
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  if (!isWellFormed(body, request.headers["content-type"] ?? "")) {
    return refused(400, "The request body is not a well-formed server action call. Reload the page and try again.");
  }
  return { ok: true, body };
}

/** The same request again, with its body already read, for the next handler to read. */
export function replayed(request: IncomingMessage, body: Buffer): IncomingMessage {
  const replay = new IncomingMessage(request.socket);
  Object.assign(replay, {
    method: request.method,
    url: request.url,
    headers: request.headers,
    rawHeaders: request.rawHeaders,
    httpVersion: request.httpVersion,
    httpVersionMajor: request.httpVersionMajor,
    httpVersionMinor: request.httpVersionMinor,
    complete: true,
  });
  replay.push(body);
  replay.push(null);
  return replay;
}
