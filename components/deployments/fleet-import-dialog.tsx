"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { isTenantCsv } from "@/lib/fleet/tenant-csv-name";
import { importFleetAction, previewFleetAction } from "./fleet-actions";

type Preview = Extract<Awaited<ReturnType<typeof previewFleetAction>>, { ok: true }>["data"];

function PreviewTable({ preview }: { preview: Preview }) {
  if (preview.problems.length > 0) {
    return (
      <Table aria-label="Problems in the file">
        <TableHeader>
          <TableRow>
            <TableHead>Line</TableHead>
            <TableHead>Field</TableHead>
            <TableHead>Problem</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {preview.problems.map((problem, index) => (
            <TableRow key={index}>
              <TableCell>{problem.line ? `${problem.line}:${problem.column}` : ""}</TableCell>
              <TableCell className="font-mono text-xs">{problem.path || "(file)"}</TableCell>
              <TableCell>{problem.message}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }
  return (
    <Table aria-label="Changes">
      <TableHeader>
        <TableRow>
          <TableHead>Change</TableHead>
          <TableHead>Deployment or tenant</TableHead>
          <TableHead>Fields</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {preview.changes.map((change) => (
          <TableRow key={`${change.target} ${change.label}`}>
            <TableCell>{`${change.action === "create" ? "Create" : "Update"} ${change.target}`}</TableCell>
            <TableCell>{change.label}</TableCell>
            <TableCell>{change.fields.join(", ")}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Upload a fleet file (docs/fleet.md), see each change or problem, then import it. */
export function FleetImportDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [upload, setUpload] = useState<{ text: string; format: "fleet" | "csv" } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);

  const reset = (next: boolean) => {
    setOpen(next);
    setUpload(null);
    setPreview(null);
  };

  const choose = (file: File | undefined) =>
    startTransition(async () => {
      if (!file) return;
      const chosen = {
        text: await file.text(),
        format: isTenantCsv(file.name) ? ("csv" as const) : ("fleet" as const),
      };
      const result = await previewFleetAction(chosen);
      if (!result.ok) {
        toast.error("Could not read the file", { description: result.error });
        return;
      }
      setUpload(chosen);
      setPreview(result.data);
    });

  const confirm = () =>
    startTransition(async () => {
      const result = await importFleetAction(upload ?? { text: "" });
      if (!result.ok || result.data.problems.length > 0) {
        toast.error("Nothing was imported", { description: result.ok ? "The file has problems." : result.error });
        if (result.ok) setPreview(result.data);
        return;
      }
      toast.success(`Imported ${result.data.changes.length} change${result.data.changes.length === 1 ? "" : "s"}`);
      reset(false);
      router.refresh();
    });

  const summary = preview
    ? preview.problems.length > 0
      ? `${preview.problems.length} problem${preview.problems.length === 1 ? "" : "s"}: nothing will be imported.`
      : `${preview.changes.length} to change, ${preview.unchanged} unchanged.`
    : null;

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button variant="outline">Import fleet</Button>
      </DialogTrigger>
      <DialogContent className="max-w-3xl">
        <DialogHeader>
          <DialogTitle>Import a fleet file</DialogTitle>
          <DialogDescription>
            A YAML or JSON file of deployments and tenants, or a CSV of tenants of registered deployments
            (docs/fleet.md), with its secrets inline. Nothing is saved until you import it.
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-4">
          <label className="grid gap-1 text-sm font-medium">
            Fleet file
            <input
              type="file"
              accept=".yaml,.yml,.json,.csv"
              disabled={pending}
              className="text-sm"
              onChange={(event) => choose(event.target.files?.[0])}
            />
          </label>
          {summary ? (
            <p className="text-sm" role="status">
              {summary}
            </p>
          ) : null}
          {preview ? (
            <div className="max-h-80 overflow-auto">
              <PreviewTable preview={preview} />
            </div>
          ) : null}
        </div>
        <DialogFooter>
          <Button
            onClick={confirm}
            disabled={pending || !preview || preview.problems.length > 0 || preview.changes.length === 0}
          >
            Import
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
