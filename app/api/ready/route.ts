import { NextResponse } from "next/server";
import { parseEnv } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { migrationsDirectory } from "@/lib/runtime/paths";
import { checkReadiness } from "@/lib/runtime/readiness";
import { workerRunningSince } from "@/lib/runtime/worker-presence";

export const dynamic = "force-dynamic";

/** Readiness for a load balancer or orchestrator: 200 when this process can serve, 503 with the failing checks. */
export async function GET() {
  const readiness = await checkReadiness(getDb(), {
    migrationsDirectory,
    workerExpected: parseEnv(process.env).WORKER === "on",
    workerSince: workerRunningSince(),
  });
  return NextResponse.json(
    { status: readiness.ready ? "ready" : "unavailable", checks: readiness.checks },
    { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
