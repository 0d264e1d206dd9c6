"use client";

import { useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { SessionProvider } from "next-auth/react";
import type { Session } from "next-auth";
import { Toaster } from "@/components/ui/toaster";

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Server Components render fresh data; avoid an immediate duplicate fetch on hydration.
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: 1,
      },
    },
  });
}

/** Client-side context for the whole app: data fetching, the session and the toast outlet. */
export function Providers({ children, session }: { children: ReactNode; session?: Session | null }) {
  // One client per browser session, kept across re-renders and navigations.
  const [queryClient] = useState(createQueryClient);
  return (
    <SessionProvider session={session}>
      <QueryClientProvider client={queryClient}>
        {children}
        <Toaster />
      </QueryClientProvider>
    </SessionProvider>
  );
}
