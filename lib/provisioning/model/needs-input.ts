import { redact } from "@/lib/audit/redact";
import { AppError } from "@/lib/errors";

/** What a step waits for from the operator: the input in a few words, and the message that says how to give it. */
export interface NeededInput {
  /** e.g. "a sample agent of this tenant (GAX username and password)". */
  input: string;
  /** Written for operators: what to enter, and where. */
  message: string;
}

/**
 * Thrown by a step that cannot go on without something only the operator can give. Not a failure: apply records the
 * step as "needs input" and goes on with the steps that do not depend on it. Elsewhere it is a precondition error.
 */
export class NeedsInputError extends AppError {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super("precondition_failed", message);
    this.name = "NeedsInputError";
  }
}

/** The input a thrown error asks for (redacted like any operator message), or undefined when it is a failure. */
export const neededInputOf = (error: unknown): NeededInput | undefined =>
  error instanceof NeedsInputError ? { input: redact(error.input), message: redact(error.message) } : undefined;
