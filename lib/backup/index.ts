export { createBackup } from "./create-backup";
export { checkBackup, restoreDatabase } from "./restore-backup";
export { keySources } from "./key-material";
export {
  endQueuedRuns,
  recordRestore,
  restoreCheckpoints,
  verifyRestoredChain,
  writeRestoredKeys,
} from "./after-restore";
export { BackupError } from "./errors";
export { productVersion } from "./product";
export type { BackupManifest } from "./manifest";
