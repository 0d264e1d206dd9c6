import { redact } from "@/lib/audit/redact";
import { ConfigServerError, GaxHttpError, GaxNetworkError } from "@/lib/config-server/errors";
import { DesiredObjectInputError } from "@/lib/config-server/desired-object";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/observability/logger";
import { isGenesysCloudError } from "@/lib/genesys-cloud";
import { SamlInputError } from "@/lib/saml/errors";
import { SettingsError } from "../model/settings";

export interface Failure {
  code: string;
  /** Written for operators: what failed and what to do. Never a stack trace or a secret. */
  message: string;
}

/** Turns anything a step throws into an error code and an operator message; unknown errors are logged, not shown. */
export function describeFailure(error: unknown, stepTitle: string, correlationId: string): Failure {
  const known = ((): Failure | undefined => {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    if (isGenesysCloudError(error)) return { code: `genesys.${error.code}`, message: error.operatorMessage };
    if (error instanceof ConfigServerError) return { code: `gax.${error.code}`, message: error.message };
    if (error instanceof GaxHttpError)
      return {
        code: `gax.http_${error.status}`,
        message: `GAX refused a request (${error.status}): ${error.gaxMessage}`,
      };
    if (error instanceof GaxNetworkError)
      return {
        code: "gax.unreachable",
        message: `GAX did not answer (${error.method} ${error.path}). Check that GAX is running and reachable, then try again.`,
      };
    if (error instanceof SamlInputError || error instanceof SettingsError || error instanceof DesiredObjectInputError)
      return { code: "invalid_input", message: error.message };
    return undefined;
  })();
  if (known) return { code: known.code, message: redact(known.message) };
  log().error({ err: error, correlationId, step: stepTitle }, "failed unexpectedly");
  return {
    code: "internal",
    message: `"${stepTitle}" failed unexpectedly. The server log has the details under correlation id ${correlationId}.`,
  };
}
