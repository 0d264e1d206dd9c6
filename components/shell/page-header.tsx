import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

type PageHeaderProps = {
  title: string;
  description?: ReactNode;
  /** Buttons for the page's main actions, beside the title (under it on narrow screens). */
  actions?: ReactNode;
  className?: string;
};

/** The page's single <h1>, a one-line explanation and its primary actions. */
export function PageHeader({ title, description, actions, className }: PageHeaderProps) {
  return (
    <div className={cn("mb-6 flex flex-col gap-3 md:flex-row md:items-start md:justify-between md:gap-6", className)}>
      <div className="min-w-0 max-w-3xl md:flex-1">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description ? <div className="mt-1 text-sm text-muted-foreground">{description}</div> : null}
      </div>
      {actions ? (
        <div data-testid="page-header-actions" className="flex flex-wrap items-center gap-2 md:justify-end">
          {actions}
        </div>
      ) : null}
    </div>
  );
}
