import { z } from "zod";
import type { AnyStep } from "@/lib/provisioning";

/** One input of a step's manual completion form, derived from its zod schema (the UI knows no step by name). */
export interface ManualField {
  name: string;
  label: string;
  kind: "text" | "secret" | "multiline" | "boolean";
  required: boolean;
  maxLength?: number;
}

type JsonProperty = { type?: string; maxLength?: number };

/** "clientSecret" -> "Client secret". */
const labelOf = (name: string) => {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Values that are secrets get password fields; PEM blocks get text areas. Judged by the field's name. */
function kindOf(name: string, property: JsonProperty): ManualField["kind"] {
  if (property.type === "boolean") return "boolean";
  if (/certificate|^key$|pem/i.test(name)) return "multiline";
  if (/secret|password|token/i.test(name)) return "secret";
  return "text";
}

export function manualFieldsOf(step: AnyStep): ManualField[] | null {
  if (!step.manual) return null;
  const schema = z.toJSONSchema(step.manual.schema as z.ZodType, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, JsonProperty>;
    required?: string[];
  };
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    label: labelOf(name),
    kind: kindOf(name, property),
    required: required.has(name),
    ...(property.maxLength ? { maxLength: property.maxLength } : {}),
  }));
}

/** Form values as the schema expects them: empty optional fields left out, checkboxes as booleans. */
export function manualValuesFrom(
  fields: ManualField[],
  raw: Record<string, string | boolean>,
): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  for (const field of fields) {
    const value = raw[field.name];
    if (field.kind === "boolean") values[field.name] = value === true || value === "on" || value === "true";
    else if (typeof value === "string" && value !== "") values[field.name] = value;
  }
  return values;
}
