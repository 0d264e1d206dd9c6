/** A trimmed text field of a form, or undefined when it was left empty (so optional schema fields stay unset). */
export function optionalText(form: FormData, name: string): string | undefined {
  const value = String(form.get(name) ?? "").trim();
  return value === "" ? undefined : value;
}

export function text(form: FormData, name: string): string {
  return String(form.get(name) ?? "");
}
