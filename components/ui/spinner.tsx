import { LoaderCircle, type LucideProps } from "lucide-react";
import { cn } from "@/lib/utils/cn";

/** Decorative spinning icon; pair it with visible or screen-reader text that says what is happening. */
export function Spinner({ className, ...props }: LucideProps) {
  return <LoaderCircle aria-hidden="true" className={cn("size-4 motion-safe:animate-spin", className)} {...props} />;
}
