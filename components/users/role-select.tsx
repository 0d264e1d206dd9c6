"use client";

import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { roleLabels, roles } from "@/lib/auth/roles";

export function RoleSelect({ id, name, defaultValue, ...aria }: { id?: string; name: string; defaultValue: string; "aria-describedby"?: string; "aria-invalid"?: true }) {
  return (
    <Select name={name} defaultValue={defaultValue}>
      <SelectTrigger id={id} {...aria}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {roles.map((role) => (
          <SelectItem key={role} value={role}>
            {roleLabels[role]}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
