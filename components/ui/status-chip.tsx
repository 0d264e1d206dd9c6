import type { ComponentProps } from "react";
import {
  CircleCheck,
  CircleDashed,
  CircleX,
  Info,
  LoaderCircle,
  TriangleExclamationPoint,
  type LucideIcon,
} from "lucide-react";
import { cn } from "@/lib/utils/cn";
import { Badge } from "./badge";

/** What a status means to the operator; features map their own states onto these tones. */
export type StatusTone = "neutral" | "info" | "progress" | "success" | "warning" | "danger";

const toneStyle: Record<
  StatusTone,
  { icon: LucideIcon; badge: "neutral" | "info" | "success" | "warning" | "danger"; spin?: true }
> = {
  neutral: { icon: CircleDashed, badge: "neutral" },
  info: { icon: Info, badge: "info" },
  progress: { icon: LoaderCircle, badge: "info", spin: true },
  success: { icon: CircleCheck, badge: "success" },
  warning: { icon: TriangleExclamationPoint, badge: "warning" },
  danger: { icon: CircleX, badge: "danger" },
};

type StatusChipProps = Omit<ComponentProps<"span">, "children"> & {
  tone: StatusTone;
  /** The visible status text, e.g. "Drifted" or "Verified". */
  label: string;
  /** Replaces the tone's default icon. */
  icon?: LucideIcon;
};

/** A status shown by icon, text and colour together, so it reads the same without colour. */
export function StatusChip({ tone, label, icon, className, ...props }: StatusChipProps) {
  const style = toneStyle[tone];
  const Icon = icon ?? style.icon;
  return (
    <Badge tone={style.badge} data-tone={tone} className={className} {...props}>
      <Icon aria-hidden="true" className={cn(style.spin && "motion-safe:animate-spin")} />
      {label}
    </Badge>
  );
}
