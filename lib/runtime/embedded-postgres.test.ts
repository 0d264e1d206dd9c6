import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { ensureDataDirectory } from "@/lib/runtime/data-files";
import { runningPostmaster, startEmbeddedPostgres } from "@/lib/runtime/embedded-postgres";
import { freePort } from "@/test/support/free-port";

function startOrphanableServer(directory: string, port: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "test/support/embedded-postgres-child.ts", directory, String(port)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise<typeof child>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("READY") && resolve(child));
    child.on("exit", (code) => reject(new Error(`child exited with ${code}`)));
  });
}

describe("embedded PostgreSQL", { timeout: 120_000 }, () => {
  it("recovers when the process that started it was killed with SIGKILL, leaving the server orphaned", async () => {
    const base = mkdtempSync(join(tmpdir(), "hp-embedded-"));
    ensureDataDirectory(base);
    const directory = join(base, "postgres");
    const port = await freePort();
    const child = await startOrphanableServer(directory, port);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    const orphan = runningPostmaster(directory);
    expect(orphan).toBeGreaterThan(0);

    const server = await startEmbeddedPostgres({ directory, port, password: "child" });
    try {
      expect(runningPostmaster(directory)).not.toBe(orphan);
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
      await client.end();
    } finally {
      await server.stop();
    }
    expect(runningPostmaster(directory)).toBeUndefined();
  });

  it("leaves the process's exit code alone: the package's exit hook would end every process with 0", async () => {
    const base = mkdtempSync(join(tmpdir(), "hp-embedded-"));
    ensureDataDirectory(base);
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "test/support/embedded-postgres-exit-code-child.ts",
        join(base, "postgres"),
        String(await freePort()),
      ],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(3);
  });
});
