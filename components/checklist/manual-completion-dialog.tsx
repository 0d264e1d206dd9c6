"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import type { ManualField } from "@/lib/tenants/manual-fields";
import { ManualCompletionForm, type Continued } from "./manual-completion-form";

/** The step's manual completion form in a dialog, for a step done by hand before anything asked for it. */
export function ManualCompletionDialog({
  tenantId,
  stepKey,
  stepTitle,
  description,
  fields,
  disabled,
  onDone,
}: {
  tenantId: string;
  stepKey: string;
  stepTitle: string;
  description: string;
  fields: ManualField[];
  disabled: boolean;
  onDone: (continued: Continued) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" variant="ghost" disabled={disabled} aria-label={`Mark ${stepTitle} as done manually`}>
          Mark as done manually
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>Complete &ldquo;{stepTitle}&rdquo; by hand</DialogTitle>
          <DialogDescription>
            Enter {description}. They are checked against Genesys Cloud before anything is stored; secrets are sealed
            and never shown again.
          </DialogDescription>
        </DialogHeader>
        {/* Mounted only while open, so the form starts empty each time. */}
        <ManualCompletionForm
          tenantId={tenantId}
          stepKey={stepKey}
          stepTitle={stepTitle}
          fields={fields}
          onDone={(continued) => {
            setOpen(false);
            onDone(continued);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
