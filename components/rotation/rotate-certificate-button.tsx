"use client";

import { needsReauthentication, useReauthentication } from "@/components/auth/use-reauthentication";
import { toast } from "sonner";
import { rotateCertificateAction } from "@/components/rotation/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ROTATION_STAGES, rotationStageInfo } from "@/lib/provisioning/client-safe";

/** "Rotate certificate" with a confirmation that lists what will change; queues the rotation for a worker. */
export function RotateCertificateButton({
  tenantId,
  tenantName,
  resumes,
  disabled,
  onQueued,
}: {
  tenantId: string;
  tenantName: string;
  resumes: boolean;
  disabled: boolean;
  onQueued: () => void;
}) {
  const label = resumes ? "Resume rotation" : "Rotate certificate";
  const { withReauthentication, dialog } = useReauthentication();
  return (
    <>
      {dialog}
      <ConfirmDialog
        trigger={<Button disabled={disabled}>{label}</Button>}
        title={`${label} of ${tenantName}?`}
        description={
          resumes
            ? "The unfinished rotation continues from the stage where it stopped, with the same new key."
            : "The SAML signing key and certificate are replaced without interrupting agents: the identity provider trusts both until the new key has been tested."
        }
        confirmLabel={label}
        pendingLabel="Queuing…"
        onConfirm={async () => {
          const result = await withReauthentication(() => rotateCertificateAction({ tenantId }), needsReauthentication);
          if (!result.ok) {
            toast.error("Could not start the rotation", { description: result.error });
            return false;
          }
          toast.success(`Certificate rotation queued for ${tenantName}`, {
            description: "A worker picks it up in a moment; the stages update as it runs.",
          });
          onQueued();
        }}
      >
        <p className="mb-2 font-medium">What will change, in order:</p>
        <ol className="grid list-decimal gap-1 pl-5">
          {ROTATION_STAGES.map((stage) => (
            <li key={stage}>
              <span className="font-medium">{rotationStageInfo[stage].title}.</span>{" "}
              <span className="text-muted-foreground">{rotationStageInfo[stage].description}</span>
            </li>
          ))}
        </ol>
      </ConfirmDialog>
    </>
  );
}
