import { existsSync } from "node:fs";

/** CHROMIUM_PATH, then Debian's Chromium; undefined lets Playwright use its own browser if one is installed. */
export function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}
