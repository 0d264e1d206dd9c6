// Times generating an RSA-2048 key and a self-signed certificate with lib/saml against the manual procedure's
// `openssl req -new -x509 -days 3652 -nodes -newkey rsa:2048`, interleaved in the same run; prints the ratio of
// the medians (ours / openssl) against the bound and exits non-zero when it is above.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateKeyMaterial } from "@/lib/saml/generate";

const BOUND = 1.5;
const ITERATIONS = Number(process.env.SAML_BENCH_ITERATIONS ?? 41);
const OPENSSL = process.env.OPENSSL_BIN ?? "openssl";

const scratch = mkdtempSync(join(tmpdir(), "saml-bench-"));
const opensslArgs = [
  "req",
  "-new",
  "-x509",
  "-days",
  "3652",
  "-nodes",
  "-subj",
  "/CN=Genesys Multicloud CX SAML",
  "-newkey",
  "rsa:2048",
  "-keyout",
  join(scratch, "key.pem"),
  "-out",
  join(scratch, "cert.pem"),
];

function timeOpenssl(): number {
  const started = performance.now();
  const result = spawnSync(OPENSSL, opensslArgs, { stdio: ["ignore", "ignore", "pipe"] });
  const elapsed = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`openssl req failed: ${result.stderr?.toString().trim() ?? result.error?.message}`);
  return elapsed;
}

async function timeOurs(): Promise<number> {
  const started = performance.now();
  await generateKeyMaterial({ bits: 2048, days: 3652 });
  return performance.now() - started;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const describe = (values: number[]) =>
  `median ${median(values).toFixed(1)} ms (min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)})`;

try {
  if (!Number.isInteger(ITERATIONS) || ITERATIONS < 3)
    throw new Error("SAML_BENCH_ITERATIONS must be a whole number of at least 3");
  // One warm-up of each, not counted: module loading and the first JIT pass are not what is measured.
  await timeOurs();
  timeOpenssl();
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < ITERATIONS; i += 1) {
    ours.push(await timeOurs());
    theirs.push(timeOpenssl());
  }
  const ratio = median(ours) / median(theirs);
  console.log(`RSA-2048 key + self-signed SHA-256 certificate (3652 days), ${ITERATIONS} runs each, interleaved`);
  console.log(`  lib/saml generateKeyMaterial: ${describe(ours)}`);
  console.log(`  openssl req -new -x509 -nodes: ${describe(theirs)}`);
  console.log(
    `ratio ours/openssl = ${ratio.toFixed(2)} (bound ${BOUND.toFixed(2)}): ${ratio <= BOUND ? "within bound" : "ABOVE BOUND"}`,
  );
  process.exitCode = ratio <= BOUND ? 0 : 1;
} catch (error) {
  console.error(`bench/saml-keys: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
