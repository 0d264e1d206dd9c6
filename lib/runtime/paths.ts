import { resolve } from "node:path";

/** npm scripts run from the repository root, so paths are resolved against the working directory. */
export const projectRoot = process.cwd();
export const migrationsDirectory = resolve(projectRoot, "prisma/migrations");

export function dataDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(projectRoot, env.DATA_DIR || ".data");
}
