"use client";

import { useState } from "react";
import { Copy } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Shows a generated password or token once: it is not stored in clear and cannot be shown again. */
export function OneTimeSecret({
  label,
  value,
  whenLost = "reset the password if it is lost",
}: {
  label: string;
  value: string;
  whenLost?: string;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="grid gap-2">
      <Alert variant="warning" title="Shown only once">
        Copy it now and hand it over safely. It cannot be shown again; {whenLost}.
      </Alert>
      <div className="flex items-center gap-2">
        <code
          aria-label={label}
          data-testid="one-time-secret"
          className="min-w-0 flex-1 break-all rounded-md border border-border bg-muted px-3 py-2 font-mono text-sm"
        >
          {value}
        </code>
        <Button
          variant="secondary"
          size="icon"
          aria-label={`Copy ${label.toLowerCase()}`}
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => undefined);
            setCopied(true);
          }}
        >
          <Copy aria-hidden="true" />
        </Button>
      </div>
      <p role="status" className="text-xs text-muted-foreground">
        {copied ? "Copied to the clipboard." : ""}
      </p>
    </div>
  );
}
