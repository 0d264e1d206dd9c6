import { Eye, ShieldCheck, UserRound, Wrench, type LucideIcon } from "lucide-react";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const roles: Record<string, { label: string; icon: LucideIcon; tone: BadgeTone }> = {
  admin: { label: "Admin", icon: ShieldCheck, tone: "info" },
  operator: { label: "Operator", icon: Wrench, tone: "success" },
  viewer: { label: "Viewer", icon: Eye, tone: "neutral" },
};

/** The signed-in user's role as text plus icon; unknown roles are shown as they are. */
export function RoleBadge({ role, className }: { role: string; className?: string }) {
  const known = Object.hasOwn(roles, role) ? roles[role] : undefined;
  const Icon = known?.icon ?? UserRound;
  return (
    <Badge tone={known?.tone ?? "outline"} className={className}>
      <Icon aria-hidden="true" />
      <span className="sr-only">Role: </span>
      {known?.label ?? role}
    </Badge>
  );
}
