import { openApiDocument } from "@/lib/api-v1/openapi";

export const dynamic = "force-static";

/** The OpenAPI 3.1 document of /api/v1, made from the same zod schemas that validate requests. Public, like docs. */
export function GET() {
  return Response.json(openApiDocument());
}
