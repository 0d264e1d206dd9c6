import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureDataDirectory } from "@/lib/runtime/data-files";
import { runningPostmaster } from "@/lib/runtime/embedded-postgres";
import { freePort } from "@/test/support/free-port";

describe("stopping the app with Ctrl-C", { timeout: 180_000 }, () => {
  it("closes the connections before the embedded database stops, so nothing reports a terminated connection", async () => {
    const base = mkdtempSync(join(tmpdir(), "hp-shutdown-"));
    ensureDataDirectory(base);
    const directory = join(base, "postgres");
    // A process group of its own, as a terminal gives `npm start`: Ctrl-C signals the whole group.
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "test/support/shutdown-child.ts", directory, String(await freePort())],
      { stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    let output = "";
    const collect = (chunk: Buffer) => (output += chunk.toString());
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", () => output.includes("READY") && resolve());
      void exited.then((code) => reject(new Error(`the process exited with ${code} before it was ready:\n${output}`)));
    });
    const server = runningPostmaster(directory);
    expect(server).toBeGreaterThan(0);

    process.kill(-child.pid!, "SIGINT");
    expect(await exited).toBe(0);
    expect(output).toContain("STOPPED");
    expect(output).not.toMatch(/terminating connection|administrator command|\[pool\]/);
    expect(runningPostmaster(directory)).toBeUndefined();
  });
});
