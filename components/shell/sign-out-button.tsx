"use client";

import { useState } from "react";
import { signOut } from "next-auth/react";
import { LogOut } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const [pending, setPending] = useState(false);

  async function handleSignOut() {
    setPending(true);
    try {
      await signOut({ callbackUrl: "/sign-in" });
    } catch {
      // Sign-out normally navigates away; getting here means the request itself failed.
      setPending(false);
      toast.error("Could not sign out. Check your connection and try again.");
    }
  }

  return (
    <Button
      variant="ghost"
      size="sm"
      onClick={handleSignOut}
      loading={pending}
      aria-label={pending ? "Signing out" : "Sign out"}
    >
      {pending ? null : <LogOut aria-hidden="true" />}
      <span className="hidden sm:inline">Sign out</span>
    </Button>
  );
}
