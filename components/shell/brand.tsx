import Link from "next/link";
import { Waypoints } from "lucide-react";
import { cn } from "@/lib/utils/cn";

/** Product mark and name, linking home. */
export function Brand({ className }: { className?: string }) {
  return (
    <Link
      href="/"
      className={cn("flex items-center gap-2 rounded-md font-semibold tracking-tight text-foreground", className)}
    >
      <span className="flex size-7 items-center justify-center rounded-md bg-primary text-primary-foreground">
        <Waypoints aria-hidden="true" className="size-4" />
      </span>
      <span className="whitespace-nowrap">Hybrid Provisioner</span>
    </Link>
  );
}
