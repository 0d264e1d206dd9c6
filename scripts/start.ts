// `npm start`: prepares everything a fresh clone needs (data directory, keys, database, migrations, first admin,
// a production build when the current one is stale) and serves the dashboard.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import next from "next";
import { assertWebServerConfig, ConfigError, parseEnv, sandboxesEnabled, workerSettings } from "@/lib/config/env";
import type { Server } from "node:http";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { ensureDemoDeployment } from "@/lib/demo/demo-seed";
import { startAuditCheckpoints } from "@/lib/audit/checkpoints";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { ensureAppRole } from "@/lib/db/app-role";
import { migrate } from "@/lib/db/migrations";
import { isBuildCurrent, markBuildCurrent, sourceFingerprint } from "@/lib/runtime/build-freshness";
import { dataFiles } from "@/lib/runtime/data-files";
import { createAppServer } from "@/lib/runtime/http-server";
import { configureLogging, log } from "@/lib/observability/logger";
import { registerDatabaseGauges } from "@/lib/observability/database-gauges";
import { appRoutePatterns, routeMatcher } from "@/lib/observability/route-patterns";
import { auditCheckpointFile, migrationsDirectory, projectRoot } from "@/lib/runtime/paths";
import { prepareRuntime, type Runtime } from "@/lib/runtime/prepare";
import { startSandboxes, type RunningSandboxes } from "@/lib/runtime/sandboxes";
import { markWorkerRunning, markWorkerStopped } from "@/lib/runtime/worker-presence";
import { closeHttpServer, closeProcessWideClients, stopOnSignals } from "@/lib/runtime/shutdown";
import { ensureFirstAdmin } from "@/lib/users/first-admin";

process.env.NEXT_TELEMETRY_DISABLED = "1";

async function main() {
  configureLogging();
  let runtime: Runtime;
  try {
    assertWebServerConfig(parseEnv(process.env));
    runtime = await prepareRuntime();
  } catch (error) {
    // Configuration and database start-up problems are written for the operator: the message, not a stack trace.
    log().fatal(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const { env } = runtime;
  let sandboxes: RunningSandboxes | undefined;
  let worker: RunningWorker | undefined;
  let stopCheckpoints: (() => Promise<void>) | undefined;
  let db: Db | undefined;
  let server: Server | undefined;
  // Everything that holds a database connection ends before the database does, so it terminates no session.
  const stop = async () => {
    if (server) await closeHttpServer(server);
    markWorkerStopped();
    await worker?.stop().catch(() => undefined);
    await stopCheckpoints?.().catch(() => undefined);
    await Promise.all([db?.$disconnect().catch(() => undefined), closeProcessWideClients()]);
    await sandboxes?.close();
    await runtime.embedded?.stop().catch(() => undefined);
  };
  stopOnSignals(stop);

  try {
    const report = await migrate(runtime.ownerUrl, migrationsDirectory);
    if (report.applied.length) log().info({ migrations: report.applied }, "database migrations applied");
    // New tables of the migrations just applied get the app role's grants too.
    if (runtime.appRole && report.applied.length > 0) await ensureAppRole(runtime.ownerUrl, runtime.appRole);

    if (sandboxesEnabled(env, process.env.HP_EMBEDDED_DATABASE === "1")) {
      sandboxes = await startSandboxes({ genesysCloud: env.GENESYS_SANDBOX_PORT, gax: env.GAX_SANDBOX_PORT });
    }

    db = createPrismaClient(runtime.databaseUrl);
    const firstAdmin = await ensureFirstAdmin(db, {
      email: env.ADMIN_EMAIL,
      password: env.ADMIN_PASSWORD,
      passwordFile: dataFiles(runtime.dataDirectory).initialAdmin,
    });
    // First run only, so a deleted demo deployment stays deleted.
    const demo = sandboxes && firstAdmin.created ? await ensureDemoDeployment(db, sandboxes) : undefined;
    if (env.WORKER === "on") {
      worker = await startWorker(db, runtime.databaseUrl, workerSettings(env));
      markWorkerRunning();
    }
    stopCheckpoints = startAuditCheckpoints(db, auditCheckpointFile());
    registerDatabaseGauges(db);

    const fingerprint = sourceFingerprint(projectRoot);
    if (!isBuildCurrent(projectRoot, fingerprint)) {
      log().info("building the dashboard (first start or changed sources)");
      const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
        stdio: "inherit",
        env: process.env,
      });
      if (build.status !== 0) throw new Error("The production build failed; see the output above.");
      markBuildCurrent(projectRoot, fingerprint);
    }

    const app = next({ dev: false, dir: projectRoot, hostname: env.HOST, port: env.PORT });
    await app.prepare();
    server = createAppServer(app.getRequestHandler(), {
      trustProxy: env.TRUST_PROXY,
      proxyHops: env.TRUST_PROXY_HOPS,
      publicUrl: process.env.NEXTAUTH_URL,
      metricsToken: env.METRICS_TOKEN,
      routeOf: routeMatcher(appRoutePatterns(join(projectRoot, "app"))),
    });
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once("error", reject);
      listening.listen(env.PORT, env.HOST, resolve);
    });

    const url = process.env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
    log().info({ url, worker: env.WORKER, metrics: Boolean(env.METRICS_TOKEN) }, "dashboard listening");
    // What follows is for the person who started it (the first admin's password among it), never for the log.
    console.log(`\nHybrid Provisioner is running at ${url}`);
    if (sandboxes) {
      console.log(
        `Sandboxes (SANDBOX=off to disable): Genesys Cloud ${sandboxes.genesysCloudUrl}, GAX ${Object.values(sandboxes.gaxUrls).join(", ")}`,
      );
      if (demo?.created)
        console.log(
          `Registered a demo deployment with ${demo.tenants} tenants on the sandboxes: rehearse the whole procedure there.`,
        );
    }
    if (firstAdmin.created && firstAdmin.generatedPassword) {
      console.log(
        `First admin created: ${firstAdmin.email}\nPassword (shown once, also in ${firstAdmin.passwordFile}): ${firstAdmin.generatedPassword}`,
      );
    } else if (firstAdmin.created) {
      console.log(`First admin created: ${firstAdmin.email} with the password from ADMIN_PASSWORD.`);
    } else {
      console.log(
        "Sign in with your account. A lost first-admin password is in the data directory's initial-admin.txt (when it was generated).",
      );
    }
  } catch (error) {
    log().fatal(error instanceof Error ? error.message : String(error));
    await stop();
    process.exit(1);
  }
}

await main();
