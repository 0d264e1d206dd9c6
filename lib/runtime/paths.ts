import { resolve } from "node:path";

/** npm scripts run from the repository root, so paths are resolved against the working directory. */
export const projectRoot = process.cwd();
export const migrationsDirectory = resolve(projectRoot, "prisma/migrations");

export function dataDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(projectRoot, env.DATA_DIR || ".data");
}

/** Where the audit chain's signed checkpoints are appended (outside the database, so the table cannot hide a cut). */
export function auditCheckpointFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.AUDIT_CHECKPOINT_FILE
    ? resolve(projectRoot, env.AUDIT_CHECKPOINT_FILE)
    : resolve(dataDirectory(env), "audit-checkpoints.jsonl");
}
