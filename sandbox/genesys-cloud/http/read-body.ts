import type { IncomingMessage } from "node:http";
import { ApiError } from "./errors";

const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES)
      throw new ApiError(413, {
        code: "request.entity.too.large",
        message: `The request body is larger than ${MAX_BODY_BYTES} bytes`,
      });
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
