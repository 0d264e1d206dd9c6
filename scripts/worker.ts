// `npm run worker`: a stand-alone worker for queued provisioning runs. Start any number, on any machines that share
// the database; the dashboard also runs one in its own process unless WORKER=off.
import { ConfigError, workerSettings } from "@/lib/config/env";
import { createPrismaClient } from "@/lib/db/client";
import { startAuditCheckpoints } from "@/lib/audit/checkpoints";
import { startWorker } from "@/lib/jobs/worker";
import { configureLogging, log } from "@/lib/observability/logger";
import { registerDatabaseGauges } from "@/lib/observability/database-gauges";
import { startMetricsServer } from "@/lib/observability/metrics-server";
import { auditCheckpointFile } from "@/lib/runtime/paths";
import { closeHttpServer } from "@/lib/runtime/shutdown";
import { prepareRuntime } from "@/lib/runtime/prepare";

configureLogging();
try {
  const runtime = await prepareRuntime({ reuseRunningServer: true });
  const db = createPrismaClient(runtime.databaseUrl);
  const settings = workerSettings(runtime.env);
  const worker = await startWorker(db, runtime.databaseUrl, settings);
  const stopCheckpoints = startAuditCheckpoints(db, auditCheckpointFile());
  registerDatabaseGauges(db);
  const { METRICS_PORT: metricsPort, METRICS_TOKEN: metricsToken, HOST: host } = runtime.env;
  const metrics =
    metricsPort && metricsToken
      ? await startMetricsServer({ port: metricsPort, host, token: metricsToken })
      : undefined;
  log().info({ concurrency: settings.concurrency, metricsPort: metrics ? metricsPort : undefined }, "worker started");
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (metrics) await closeHttpServer(metrics);
    await worker.stop();
    await stopCheckpoints();
    await db.$disconnect();
    await runtime.embedded?.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
} catch (error) {
  log().fatal(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
  process.exit(1);
}
