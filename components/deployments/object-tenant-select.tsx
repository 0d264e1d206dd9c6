"use client";

import type { FieldControlProps } from "@/components/ui/field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { ObjectTenantChoice } from "@/lib/provisioning";
import { OBJECT_TENANT_OPTIONS } from "./object-tenant-options";

/** The choice of the tenant that holds hybrid_integration in a single-tenant deployment, inside a Field. */
export function ObjectTenantSelect({
  control,
  value,
  onChange,
}: {
  control: FieldControlProps;
  value: ObjectTenantChoice;
  onChange(value: ObjectTenantChoice): void;
}) {
  return (
    <Select value={value} onValueChange={(next) => onChange(next as ObjectTenantChoice)}>
      <SelectTrigger {...control}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {OBJECT_TENANT_OPTIONS.map((option) => (
          <SelectItem key={option.value} value={option.value}>
            {option.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
