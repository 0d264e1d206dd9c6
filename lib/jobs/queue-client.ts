import type PgBoss from "pg-boss";
import { parseEnv, workerSettings } from "@/lib/config/env";
import { createBoss, ensureQueues } from "./queues";
import { log } from "@/lib/observability/logger";

const holder = globalThis as unknown as { hybridProvisionerQueue?: Promise<PgBoss> };

/** The process-wide queue handle for sending runs (web app, CLI); it executes nothing itself. */
export function getJobQueue(): Promise<PgBoss> {
  holder.hybridProvisionerQueue ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which prepares the database.");
    const settings = workerSettings(parseEnv(process.env));
    const boss = createBoss(url, settings, { schedule: false, supervise: false });
    boss.on("error", (error) => log().error({ err: error }, "job queue error"));
    await boss.start();
    await ensureQueues(boss, settings);
    return boss;
  })().catch((error: unknown) => {
    holder.hybridProvisionerQueue = undefined;
    throw error;
  });
  return holder.hybridProvisionerQueue;
}

/** Stops the process-wide queue handle if one was opened (at shutdown, before the database stops). */
export async function closeJobQueue(): Promise<void> {
  const queue = holder.hybridProvisionerQueue;
  holder.hybridProvisionerQueue = undefined;
  await queue?.then((boss) => boss.stop({ graceful: true, wait: true })).catch(() => undefined);
}
