import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

/** Grey placeholder block; hidden from assistive tech, so mark the loading region with aria-busy and a label. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return (
    <div aria-hidden="true" className={cn("rounded-md bg-border motion-safe:animate-pulse", className)} {...props} />
  );
}
