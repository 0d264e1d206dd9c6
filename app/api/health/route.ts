import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Liveness: the process serves requests. Whether it can do its work (database, migrations, worker) is /api/ready. */
export function GET() {
  return NextResponse.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
