import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

// Everything that goes into `next build`; a change to any of these makes the existing build stale.
const inputs = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
  "prisma/schema.prisma",
];
const skip = new Set(["node_modules", ".next", "generated"]);

function* files(root: string, path: string): Generator<string> {
  const full = join(root, path);
  if (!existsSync(full)) return;
  if (statSync(full).isFile()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(full, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (skip.has(entry.name) || entry.name.endsWith(".test.ts")) continue;
    yield* files(root, join(path, entry.name));
  }
}

export function sourceFingerprint(root: string): string {
  const hash = createHash("sha256");
  for (const input of inputs) {
    for (const file of files(root, input))
      hash
        .update(relative(root, join(root, file)))
        .update("\0")
        .update(readFileSync(join(root, file)))
        .update("\0");
  }
  return hash.digest("hex");
}

const stampFile = (root: string) => join(root, ".next", "source-fingerprint");

export function isBuildCurrent(root: string, fingerprint: string): boolean {
  return (
    existsSync(join(root, ".next", "BUILD_ID")) &&
    existsSync(stampFile(root)) &&
    readFileSync(stampFile(root), "utf8") === fingerprint
  );
}

export function markBuildCurrent(root: string, fingerprint: string): void {
  writeFileSync(stampFile(root), fingerprint);
}
