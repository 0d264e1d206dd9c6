import { readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * The app's routes as patterns ("/tenants/[id]", "/api/v1/runs/[id]/cancel"), read from the app directory's page and
 * route files: route groups "(name)" left out, dynamic segments kept as written.
 */
export function appRoutePatterns(appDirectory: string): string[] {
  const patterns = new Set<string>();
  const walk = (directory: string, segments: string[]) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const group = /^\(.*\)$/.test(entry.name);
        walk(join(directory, entry.name), group ? segments : [...segments, entry.name]);
      } else if (/^(page|route)\.(tsx?|jsx?)$/.test(entry.name)) {
        patterns.add(`/${segments.join("/")}`);
      }
    }
  };
  walk(appDirectory, []);
  return [...patterns];
}

const isDynamic = (segment: string) => /^\[.+\]$/.test(segment);
const isCatchAll = (segment: string) => /^\[{1,2}\.\.\..+\]{1,2}$/.test(segment);

function matches(pattern: string[], path: string[]): boolean {
  for (let index = 0; index < pattern.length; index += 1) {
    const segment = pattern[index]!;
    if (isCatchAll(segment)) return path.length > index || segment.startsWith("[[");
    if (index >= path.length) return false;
    if (!isDynamic(segment) && segment !== path[index]) return false;
  }
  return pattern.length === path.length;
}

/**
 * Labels a request path with the pattern of the route it reaches, so metrics never carry ids: the most specific
 * matching pattern (more fixed segments first), Next.js's own assets by their folder, anything else "other".
 */
export function routeMatcher(patterns: string[]): (path: string) => string {
  const sorted = patterns
    .map((pattern) => ({ pattern, segments: pattern.split("/").filter(Boolean) }))
    .sort(
      (a, b) =>
        b.segments.filter((s) => !isDynamic(s)).length - a.segments.filter((s) => !isDynamic(s)).length ||
        b.segments.length - a.segments.length,
    );
  return (rawPath) => {
    const path = rawPath.split("?")[0] ?? "/";
    if (path.startsWith("/_next/")) return `/_next/${path.split("/")[2] ?? ""}`;
    const segments = path.split("/").filter(Boolean);
    return sorted.find((route) => matches(route.segments, segments))?.pattern ?? "other";
  };
}
