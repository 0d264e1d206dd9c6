"use client";

import { DropdownMenu } from "radix-ui";
import { Check, Columns3 } from "lucide-react";
import { Button } from "@/components/ui/button";

export type ColumnChoice = { id: string; label: string; visible: boolean };

/** A menu of checkboxes that shows or hides the table's optional columns. */
export function ColumnChooser({
  columns,
  onChange,
}: {
  columns: ColumnChoice[];
  onChange: (id: string, visible: boolean) => void;
}) {
  const hidden = columns.filter((column) => !column.visible).length;
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>
        <Button variant="outline" size="sm">
          <Columns3 aria-hidden="true" /> Columns{hidden > 0 ? ` (${hidden} hidden)` : ""}
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={4}
          collisionPadding={8}
          className="z-50 grid max-h-(--radix-dropdown-menu-content-available-height) min-w-48 gap-0.5 overflow-y-auto rounded-md border border-border bg-card p-1 text-sm text-card-foreground shadow-md"
        >
          <DropdownMenu.Label className="px-2 py-1.5 text-xs font-semibold text-muted-foreground">
            Columns shown
          </DropdownMenu.Label>
          {columns.map((column) => (
            <DropdownMenu.CheckboxItem
              key={column.id}
              checked={column.visible}
              onCheckedChange={(checked) => onChange(column.id, checked === true)}
              // Keep the menu open so several columns can be changed at once.
              onSelect={(event) => event.preventDefault()}
              className="relative flex cursor-pointer select-none items-center gap-2 rounded-sm py-1.5 pl-7 pr-2 outline-none data-[highlighted]:bg-muted"
            >
              <DropdownMenu.ItemIndicator className="absolute left-2 inline-flex">
                <Check aria-hidden="true" className="size-3.5" />
              </DropdownMenu.ItemIndicator>
              {column.label}
            </DropdownMenu.CheckboxItem>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
