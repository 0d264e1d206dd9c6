// PROVISION_BENCH_PROFILE=FILE writes a V8 CPU profile of the measured run only (open it in Chrome DevTools).
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

export async function profileMeasuredRun(file: string | undefined): Promise<() => Promise<void>> {
  if (!file) return async () => {};
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return async () => {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`  CPU profile of the measured run: ${file}`);
  };
}
