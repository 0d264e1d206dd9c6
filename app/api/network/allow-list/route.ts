import { requirePermission } from "@/lib/auth/session";
import { AppError, httpStatusOf } from "@/lib/errors";
import { allowListExport, parseAllowListQuery } from "@/lib/network/allow-list-export";

export const dynamic = "force-dynamic";

/** The outbound allow-list as a file: `?format=csv|json`, optionally `&region=<id>` (repeatable). */
export async function GET(request: Request) {
  try {
    await requirePermission("network.read");
  } catch (error) {
    if (error instanceof AppError) return Response.json({ code: error.code, error: error.message }, { status: httpStatusOf[error.code] });
    throw error;
  }
  const parsed = parseAllowListQuery(new URL(request.url).searchParams);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    return Response.json({ code: "invalid_input", error: "Some parameters need attention.", fieldErrors }, { status: 400 });
  }
  const file = allowListExport(parsed.data);
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
