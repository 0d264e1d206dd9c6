/** A backup cannot be made or restored for a reason the operator can act on; the message says which and why. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}
