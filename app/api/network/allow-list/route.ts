import { AppError } from "@/lib/errors";
import { fileResponse, guardedRoute } from "@/lib/http/guarded-route";
import { allowListExport, parseAllowListQuery } from "@/lib/network/allow-list-export";

export const dynamic = "force-dynamic";

/** The outbound allow-list as a file: `?format=csv|json`, optionally `&region=<id>` (repeatable). */
export const GET = guardedRoute("network.read", async (request) => {
  const parsed = parseAllowListQuery(new URL(request.url).searchParams);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    throw new AppError("invalid_input", "Some parameters need attention.", fieldErrors);
  }
  const file = allowListExport(parsed.data);
  return fileResponse(file.body, file);
});
