"use client";

import { Toaster as Sonner, type ToasterProps } from "sonner";

/**
 * The single toast outlet (mounted once in app/providers.tsx). Show toasts with
 * `import { toast } from "sonner"`: toast.success("Tenant saved"), toast.error("…what to do next").
 */
export function Toaster(props: ToasterProps) {
  return (
    <Sonner
      position="bottom-right"
      closeButton
      richColors
      duration={6000}
      containerAriaLabel="Notifications"
      toastOptions={{ classNames: { toast: "font-sans text-sm", description: "text-sm" } }}
      {...props}
    />
  );
}
