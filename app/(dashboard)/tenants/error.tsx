"use client";

import { CircleX } from "lucide-react";
import { ErrorPage } from "@/components/shell/error-page";
import { Button } from "@/components/ui/button";

export default function TenantsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorPage
      fullPage={false}
      icon={CircleX}
      title="Could not load the tenants"
      description="The database did not answer as expected. Try again; if it keeps failing, give the reference to your administrator."
      reference={error.digest}
    >
      <Button onClick={reset}>Try again</Button>
    </ErrorPage>
  );
}
