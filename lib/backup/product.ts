import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { projectRoot } from "@/lib/runtime/paths";

/** The product's name and version, as package.json gives them: a backup says which release made it. */
export function productVersion(): { name: string; version: string } {
  const { name, version } = JSON.parse(readFileSync(resolve(projectRoot, "package.json"), "utf8")) as {
    name: string;
    version: string;
  };
  return { name, version };
}
