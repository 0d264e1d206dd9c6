"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { revokeApiTokenAction } from "@/components/api-tokens/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function RevokeTokenButton({ token }: { token: { id: string; name: string } }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" size="sm" aria-label={`Revoke ${token.name}`}>
          Revoke
        </Button>
      }
      title={`Revoke ${token.name}?`}
      description="Requests with this token are refused from now on. This cannot be undone."
      confirmLabel="Revoke"
      pendingLabel="Revoking…"
      destructive
      onConfirm={async () => {
        const result = await revokeApiTokenAction({ id: token.id });
        if (!result.ok) {
          toast.error(result.error);
          return false;
        }
        toast.success(`API token ${result.data.name} revoked.`);
        router.refresh();
      }}
    />
  );
}
