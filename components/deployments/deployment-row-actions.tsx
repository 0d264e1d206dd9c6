"use client";

import { useTransition } from "react";
import { PlugZap, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { checkConnectionAction, deleteDeploymentAction } from "@/components/deployments/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { DeploymentRow } from "@/lib/tenants/deployments";
import { EditDeploymentDialog } from "./edit-deployment-dialog";

/** Test connection (the result becomes the health), edit and delete a deployment. */
export function DeploymentRowActions({ deployment }: { deployment: DeploymentRow }) {
  const router = useRouter();
  const [testing, startTest] = useTransition();

  function onTest() {
    startTest(async () => {
      const result = await checkConnectionAction({ deploymentId: deployment.id });
      if (!result.ok) toast.error("Could not test the connection", { description: result.error });
      else if (result.data.ok) toast.success(`GAX of ${deployment.name} accepted the connection.`);
      else toast.error(`GAX of ${deployment.name} did not accept the connection`, { description: result.data.message });
      router.refresh();
    });
  }

  async function onDelete() {
    const result = await deleteDeploymentAction({ deploymentId: deployment.id });
    if (!result.ok) {
      toast.error("Could not delete the deployment", { description: result.error });
      // Closed, so the reason is read in the toast rather than behind the modal dialog.
      return;
    }
    toast.success(`Deployment ${deployment.name} deleted.`);
    router.refresh();
  }

  return (
    <>
      <Button variant="outline" size="sm" onClick={onTest} loading={testing} loadingText="Testing…">
        <PlugZap aria-hidden="true" /> Test connection
        <span className="sr-only"> of {deployment.name}</span>
      </Button>
      <EditDeploymentDialog deployment={deployment} />
      <ConfirmDialog
        trigger={
          <Button variant="outline" size="sm">
            <Trash2 aria-hidden="true" /> Delete
            <span className="sr-only"> {deployment.name}</span>
          </Button>
        }
        title={`Delete deployment ${deployment.name}?`}
        description="Its GAX password is deleted with it; its audit history stays. A deployment with tenants cannot be deleted: delete its tenants first."
        confirmLabel="Delete deployment"
        pendingLabel="Deleting…"
        destructive
        onConfirm={onDelete}
      />
    </>
  );
}
