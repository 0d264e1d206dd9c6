"use client";

import { useTransition } from "react";
import { Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { deleteEndpointAction, sendTestAction } from "@/components/notifications/actions";
import { EndpointDialog, type EditableEndpoint } from "@/components/notifications/endpoint-dialog";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function SendTestButton({ endpoint }: { endpoint: { id: string; name: string } }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="secondary"
      size="sm"
      aria-label={`Send test to ${endpoint.name}`}
      loading={pending}
      loadingText="Sending…"
      onClick={() =>
        startTransition(async () => {
          const result = await sendTestAction({ id: endpoint.id });
          if (!result.ok) {
            toast.error(result.error);
            return;
          }
          toast.success(`Test queued for ${endpoint.name}: see its delivery log.`);
          router.refresh();
        })
      }
    >
      <Send aria-hidden="true" /> Send test
    </Button>
  );
}

/** Edit and delete (admins only: the page is not shown to others, and every action re-checks the role). */
export function EndpointRowActions({ endpoint }: { endpoint: EditableEndpoint }) {
  const router = useRouter();
  return (
    <>
      <EndpointDialog
        endpoint={endpoint}
        trigger={
          <Button variant="secondary" size="sm" aria-label={`Edit ${endpoint.name}`}>
            Edit
          </Button>
        }
      />
      <ConfirmDialog
        trigger={
          <Button variant="secondary" size="sm" aria-label={`Delete ${endpoint.name}`}>
            Delete
          </Button>
        }
        title={`Delete ${endpoint.name}?`}
        description="It receives no more alerts; its delivery log and signing secret are deleted with it."
        confirmLabel="Delete"
        pendingLabel="Deleting…"
        destructive
        onConfirm={async () => {
          const result = await deleteEndpointAction({ id: endpoint.id });
          if (!result.ok) {
            toast.error(result.error);
            return false;
          }
          toast.success(`Endpoint ${endpoint.name} deleted.`);
          router.refresh();
        }}
      />
    </>
  );
}
