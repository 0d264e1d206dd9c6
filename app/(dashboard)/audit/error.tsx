"use client";

import { TriangleExclamationPoint } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ErrorPage } from "@/components/shell/error-page";

export default function AuditError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorPage
      fullPage={false}
      icon={TriangleExclamationPoint}
      title="Could not load the audit log"
      description="The database did not answer in time or refused the query. Try again; if it keeps failing, check the database and give your administrator the reference below."
      reference={error.digest}
    >
      <Button onClick={reset}>Try again</Button>
    </ErrorPage>
  );
}
