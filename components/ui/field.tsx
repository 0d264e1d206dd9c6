import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";
import { CircleExclamationPoint } from "lucide-react";
import { cn } from "@/lib/utils/cn";
import { Label } from "./label";

/** Props a form control needs so its label, description and error are announced with it. */
export type FieldControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  "aria-required"?: true;
};

export type FieldProps = {
  label: ReactNode;
  description?: ReactNode;
  /** Validation message(s); zod's flattened field errors (string[]) can be passed as they are. */
  error?: string | readonly string[] | null;
  /** Marks the field as required visually and with aria-required on the control. */
  required?: boolean;
  /** Control id; generated when omitted. */
  id?: string;
  className?: string;
  /** A single control element (it receives the props), or a function that spreads them where they belong. */
  children: ReactElement | ((control: FieldControlProps) => ReactNode);
};

export function Field({ label, description, error, required, id, className, children }: FieldProps) {
  const generatedId = useId();
  const controlId = id ?? generatedId;
  const descriptionId = description ? `${controlId}-description` : undefined;
  const messages = error == null ? [] : typeof error === "string" ? [error] : error.filter(Boolean);
  const errorId = messages.length > 0 ? `${controlId}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(" ") || undefined;

  const control: FieldControlProps = {
    id: controlId,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(errorId ? { "aria-invalid": true as const } : {}),
    ...(required ? { "aria-required": true as const } : {}),
  };

  return (
    <div className={cn("grid gap-1.5", className)}>
      <Label htmlFor={controlId}>
        {label}
        {required ? (
          <span aria-hidden="true" className="ml-0.5 text-danger">
            *
          </span>
        ) : null}
      </Label>
      {typeof children === "function"
        ? children(control)
        : isValidElement(children)
          ? cloneElement(children as ReactElement<FieldControlProps>, control)
          : children}
      {description ? (
        <p id={descriptionId} className="text-xs text-muted-foreground">
          {description}
        </p>
      ) : null}
      {errorId ? (
        <div id={errorId} className="flex items-start gap-1.5 text-xs font-medium text-danger">
          <CircleExclamationPoint aria-hidden="true" className="mt-px size-3.5 shrink-0" />
          <span>{messages.join(" ")}</span>
        </div>
      ) : null}
    </div>
  );
}
