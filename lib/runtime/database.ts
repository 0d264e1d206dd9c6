import { prepareRuntime } from "@/lib/runtime/prepare";

/** Runs `work` against the configured database (starting the embedded one for the duration when needed). */
export async function withDatabase<T>(work: (databaseUrl: string) => Promise<T>): Promise<T> {
  const runtime = await prepareRuntime({ reuseRunningServer: true });
  try {
    return await work(runtime.databaseUrl);
  } finally {
    await runtime.embedded?.stop();
  }
}
