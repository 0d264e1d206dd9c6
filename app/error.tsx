"use client";

import Link from "next/link";
import { TriangleExclamationPoint } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ErrorPage } from "@/components/shell/error-page";

/** Shown when a page fails to render; the details stay in the server log under the reference. */
export default function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorPage
      icon={TriangleExclamationPoint}
      title="This page could not be shown"
      description="Something went wrong while loading it. Try again; if it keeps happening, give your administrator the reference below."
      reference={error.digest}
    >
      <Button onClick={reset}>Try again</Button>
      <Link href="/" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
        Go to the overview
      </Link>
    </ErrorPage>
  );
}
