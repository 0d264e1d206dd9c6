import type { ReactNode } from "react";
import type { LucideIcon } from "lucide-react";

type ErrorPageProps = {
  icon: LucideIcon;
  title: string;
  description: string;
  /** Short code shown above the title, e.g. "404". */
  code?: string;
  /** Error digest that matches the server log entry; never a stack trace. */
  reference?: string;
  /** Actions such as "Try again" or a link home. */
  children?: ReactNode;
  /** Fill the window as the page's <main> (root boundaries); false inside the dashboard shell. */
  fullPage?: boolean;
};

/** Full-page message for not-found and error boundaries, written for operators. */
export function ErrorPage({
  icon: Icon,
  title,
  description,
  code,
  reference,
  children,
  fullPage = true,
}: ErrorPageProps) {
  const Wrapper = fullPage ? "main" : "div";
  return (
    <Wrapper
      className={fullPage ? "flex min-h-dvh items-center justify-center px-4 py-12" : "flex justify-center py-12"}
    >
      <div className="w-full max-w-lg rounded-lg border border-border bg-card p-8 text-center shadow-xs">
        <div className="mx-auto mb-4 flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground">
          <Icon aria-hidden="true" className="size-6" />
        </div>
        {code ? <p className="text-sm font-semibold text-muted-foreground">Error {code}</p> : null}
        <h1 className="mt-1 text-xl font-semibold tracking-tight">{title}</h1>
        <p className="mt-2 text-sm text-muted-foreground">{description}</p>
        {reference ? (
          <p className="mt-3 text-xs text-muted-foreground">
            Reference: <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-foreground">{reference}</code>
          </p>
        ) : null}
        {children ? <div className="mt-6 flex flex-wrap items-center justify-center gap-4">{children}</div> : null}
      </div>
    </Wrapper>
  );
}
