"use client";

import { responseNeedsReauthentication, useReauthentication } from "@/components/auth/use-reauthentication";
import { useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { DownloadIcon, PrinterIcon, RefreshCwIcon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

function fileNameOf(response: Response, fallback: string): string {
  return /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? fallback;
}

/** Hands a response body to the browser as a download, without putting anything in a URL that leaves the page. */
function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export function ExportActions({
  tenantId,
  canReveal,
  ready,
}: {
  tenantId: string;
  canReveal: boolean;
  ready: boolean;
}) {
  const router = useRouter();
  const [comparing, startComparing] = useTransition();
  const [exporting, startExporting] = useTransition();
  const { withReauthentication, dialog } = useReauthentication();
  const exportUrl = `/api/tenants/${tenantId}/transaction-object`;

  const exportWithSecrets = () =>
    startExporting(async () => {
      const post = () =>
        fetch(exportUrl, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ revealSecrets: true }),
        });
      const response = await withReauthentication(post, responseNeedsReauthentication);
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { error?: string };
        toast.error("Could not export with secrets", {
          description: body.error ?? `The server answered ${response.status}.`,
        });
        return;
      }
      download(await response.blob(), fileNameOf(response, "hybrid_integration-with-secrets.json"));
      toast.success("Exported with secrets", {
        description: "Recorded in the audit log. Keep the file safe and delete it after entering the values.",
      });
    });

  return (
    <>
      {dialog}
      <Button
        variant="ghost"
        size="sm"
        loading={comparing}
        loadingText="Comparing…"
        onClick={() => startComparing(() => router.refresh())}
      >
        <RefreshCwIcon aria-hidden="true" />
        Compare again
      </Button>
      {ready ? (
        <>
          <Button asChild variant="outline" size="sm">
            <a href={exportUrl} download>
              <DownloadIcon aria-hidden="true" />
              Export JSON
            </a>
          </Button>
          {canReveal ? (
            <ConfirmDialog
              trigger={
                <Button variant="outline" size="sm" loading={exporting} loadingText="Exporting…">
                  <DownloadIcon aria-hidden="true" />
                  Export with secrets
                </Button>
              }
              title="Export with the secrets in clear?"
              description="The file holds the encrypted key, its password and the OAuth client secrets in clear, for entering them in GAX by hand. The export is recorded in the audit log."
              confirmLabel="Export with secrets"
              // The dialog closes first: the export may ask for the password again in a dialog of its own.
              onConfirm={exportWithSecrets}
            >
              Keep the file where only you can read it, and delete it once the values are entered.
            </ConfirmDialog>
          ) : null}
          <Button asChild variant="outline" size="sm">
            <Link href={`/tenants/${tenantId}/transaction-object/print`}>
              <PrinterIcon aria-hidden="true" />
              Printable page
            </Link>
          </Button>
        </>
      ) : null}
    </>
  );
}
