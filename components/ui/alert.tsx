import type { ComponentProps } from "react";
import { CircleCheck, CircleX, Info, TriangleExclamationPoint, type LucideIcon } from "lucide-react";
import { cn } from "@/lib/utils/cn";

type AlertVariant = "info" | "success" | "warning" | "error";

const variants: Record<AlertVariant, { icon: LucideIcon; classes: string; role: "status" | "alert" }> = {
  info: { icon: Info, classes: "border-info/30 bg-info-soft text-info-soft-foreground", role: "status" },
  success: {
    icon: CircleCheck,
    classes: "border-success/30 bg-success-soft text-success-soft-foreground",
    role: "status",
  },
  warning: {
    icon: TriangleExclamationPoint,
    classes: "border-warning/40 bg-warning-soft text-warning-soft-foreground",
    role: "alert",
  },
  error: { icon: CircleX, classes: "border-danger/30 bg-danger-soft text-danger-soft-foreground", role: "alert" },
};

type AlertProps = ComponentProps<"div"> & {
  variant?: AlertVariant;
  /** Bold first line; the children are the explanation and the next action. */
  title?: string;
};

/** Inline message. Errors and warnings use role="alert" (announced at once), info and success role="status". */
export function Alert({ variant = "info", title, className, children, role, ...props }: AlertProps) {
  const { icon: Icon, classes, role: defaultRole } = variants[variant];
  return (
    <div
      role={role ?? defaultRole}
      data-variant={variant}
      className={cn("flex gap-3 rounded-lg border px-4 py-3 text-sm", classes, className)}
      {...props}
    >
      <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="grid gap-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className="[&_a]:font-medium [&_a]:underline">{children}</div> : null}
      </div>
    </div>
  );
}
