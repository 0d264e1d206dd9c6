"use client";

import { PrinterIcon } from "lucide-react";
import { Button } from "@/components/ui/button";

export function PrintButton() {
  return (
    <div className="print:hidden">
      <Button onClick={() => window.print()}>
        <PrinterIcon aria-hidden="true" />
        Print
      </Button>
    </div>
  );
}
