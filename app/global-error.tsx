"use client";

import { TriangleExclamationPoint } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ErrorPage } from "@/components/shell/error-page";
import "./globals.css";

/** Last-resort page when the root layout itself fails; it replaces the whole document. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-dvh antialiased">
        <title>Something went wrong · Hybrid Provisioner</title>
        <ErrorPage
          icon={TriangleExclamationPoint}
          title="Hybrid Provisioner is not available right now"
          description="The application could not show this page. Try again in a moment; if it keeps happening, give your administrator the reference below."
          reference={error.digest}
        >
          <Button onClick={reset}>Try again</Button>
        </ErrorPage>
      </body>
    </html>
  );
}
