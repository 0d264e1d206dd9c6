import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export type ConnectionResult = { ok: boolean; message: string };

/**
 * What the sign-in to GAX said. After a refused save, the operator may save anyway: the deployment is kept with its
 * health "Refused" and the choice is audited.
 */
export function ConnectionResultAlert({
  result,
  onSaveAnyway,
  saving,
}: {
  result: ConnectionResult | null;
  onSaveAnyway?: () => void;
  saving?: boolean;
}) {
  if (!result) return null;
  if (result.ok) {
    return (
      <Alert variant="success" title="GAX accepted the connection" data-testid="connection-result">
        {result.message}
      </Alert>
    );
  }
  return (
    <Alert variant="error" title="GAX did not accept the connection" data-testid="connection-result">
      <p>{result.message}</p>
      {onSaveAnyway ? (
        <div className="mt-2">
          <Button variant="outline" size="sm" onClick={onSaveAnyway} loading={saving} loadingText="Saving…">
            Save anyway
          </Button>
        </div>
      ) : null}
    </Alert>
  );
}

/** A save refused because GAX did not accept the sign-in, as the action reports it. */
export const connectionRefused = (result: { ok: false; error: string }) =>
  result.error.startsWith("GAX did not accept the connection: ")
    ? { ok: false, message: result.error.slice("GAX did not accept the connection: ".length) }
    : null;
