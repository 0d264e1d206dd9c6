import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { checkDatabase } from "@/lib/db/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkDatabase(getDb());
  if (health.ok)
    return NextResponse.json({ status: "ok", database: "ok" }, { headers: { "Cache-Control": "no-store" } });
  return NextResponse.json(
    { status: "unavailable", database: "unavailable", reason: health.reason },
    { status: 503, headers: { "Cache-Control": "no-store" } },
  );
}
