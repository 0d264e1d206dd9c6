"use client";

import type { CSSProperties } from "react";
import { Toaster as Sonner, type ToasterProps } from "sonner";

// Sonner's own rich colours fall below WCAG AA (e.g. its error red on pink); use the theme's soft tones.
const themeColours = {
  "--normal-bg": "var(--popover)",
  "--normal-text": "var(--popover-foreground)",
  "--normal-border": "var(--border)",
  "--success-bg": "var(--success-soft)",
  "--success-text": "var(--success-soft-foreground)",
  "--success-border": "color-mix(in srgb, var(--success) 35%, transparent)",
  "--info-bg": "var(--info-soft)",
  "--info-text": "var(--info-soft-foreground)",
  "--info-border": "color-mix(in srgb, var(--info) 35%, transparent)",
  "--warning-bg": "var(--warning-soft)",
  "--warning-text": "var(--warning-soft-foreground)",
  "--warning-border": "color-mix(in srgb, var(--warning) 40%, transparent)",
  "--error-bg": "var(--danger-soft)",
  "--error-text": "var(--danger-soft-foreground)",
  "--error-border": "color-mix(in srgb, var(--danger) 35%, transparent)",
} as CSSProperties;

/**
 * The single toast outlet (mounted once in app/providers.tsx). Show toasts with
 * `import { toast } from "sonner"`: toast.success("Tenant saved"), toast.error("…what to do next").
 */
export function Toaster({ style, ...props }: ToasterProps) {
  return (
    <Sonner
      position="bottom-right"
      closeButton
      richColors
      duration={6000}
      containerAriaLabel="Notifications"
      style={{ ...themeColours, ...style }}
      toastOptions={{ classNames: { toast: "font-sans text-sm", description: "text-sm" } }}
      {...props}
    />
  );
}
