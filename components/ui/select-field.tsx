"use client";

import { Field, type FieldProps } from "./field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "./select";

export type SelectOption<T extends string> = { value: T; label: string };

export type SelectFieldProps<T extends string> = Omit<FieldProps, "children" | "id"> & {
  options: readonly SelectOption<T>[];
  /** Submits the choice with the surrounding form under this name. */
  name?: string;
  value?: string;
  defaultValue?: string;
  onValueChange?(value: NoInfer<T>): void;
  placeholder?: string;
  /** Renders the chosen option's label on the server too, so the control is never blank before hydration. */
  labelOnServer?: boolean;
};

/** A labelled select: Field's label, description and error wiring around a Radix select of the given options. */
export function SelectField<T extends string>({
  options,
  name,
  value,
  defaultValue,
  onValueChange,
  placeholder,
  labelOnServer,
  ...field
}: SelectFieldProps<T>) {
  return (
    <Field {...field}>
      {(control) => (
        // One grid cell: inside a form the select also renders a hidden native <select>, which must not take a row.
        <div>
          <Select
            name={name}
            value={value}
            defaultValue={defaultValue}
            onValueChange={onValueChange as ((value: string) => void) | undefined}
          >
            <SelectTrigger {...control}>
              <SelectValue placeholder={placeholder}>
                {labelOnServer ? options.find((option) => option.value === value)?.label : undefined}
              </SelectValue>
            </SelectTrigger>
            <SelectContent>
              {options.map((option) => (
                <SelectItem key={option.value} value={option.value}>
                  {option.label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
      )}
    </Field>
  );
}
