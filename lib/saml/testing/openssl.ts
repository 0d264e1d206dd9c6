// Test helpers that run the real `openssl` command-line tool, for interoperability checks.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const OPENSSL = process.env.OPENSSL_BIN ?? "openssl";

/** Runs openssl and returns stdout; throws with openssl's stderr when it fails. */
export function openssl(
  args: string[],
  options: { env?: Record<string, string>; input?: string | Buffer } = {},
): string {
  return execFileSync(OPENSSL, args, {
    env: { ...process.env, ...options.env },
    input: options.input,
    stdio: ["pipe", "pipe", "pipe"],
  }).toString("latin1");
}

export interface ScratchDir {
  path: string;
  file(name: string, content?: string | Buffer): string;
  remove(): void;
}

export function scratchDir(): ScratchDir {
  const path = mkdtempSync(join(tmpdir(), "saml-test-"));
  return {
    path,
    file(name, content) {
      const target = join(path, name);
      if (content !== undefined) writeFileSync(target, content);
      return target;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
