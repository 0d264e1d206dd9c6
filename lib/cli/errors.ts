/** A command failed for a reason the operator can act on; printed as one line, exit code 1. */
export class CliFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliFailure";
  }
}

export const EXIT_SUCCESS = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The command finished and found something to report through its exit code (e.g. a plan with changes). */
export const EXIT_CHANGES = 3;
export class CliExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
    this.name = "CliExitCode";
  }
}
