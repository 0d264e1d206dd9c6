import type { ComponentProps, ReactNode } from "react";
import { Inbox, type LucideIcon } from "lucide-react";
import { cn } from "@/lib/utils/cn";

type EmptyStateProps = Omit<ComponentProps<"div">, "title"> & {
  title: string;
  description?: ReactNode;
  icon?: LucideIcon;
  /** The next step, usually a `<Button>` (e.g. "Add tenant"). */
  action?: ReactNode;
};

/** Says why a list is empty and what to do next. */
export function EmptyState({ title, description, icon: Icon = Inbox, action, className, ...props }: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center justify-center gap-3 rounded-lg border border-dashed border-border px-6 py-10 text-center",
        className,
      )}
      {...props}
    >
      <div className="flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground">
        <Icon aria-hidden="true" className="size-5" />
      </div>
      <div className="grid max-w-md gap-1">
        <p className="text-sm font-semibold">{title}</p>
        {description ? <div className="text-sm text-muted-foreground">{description}</div> : null}
      </div>
      {action ? <div className="mt-1">{action}</div> : null}
    </div>
  );
}
