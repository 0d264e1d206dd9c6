"use client";

import { useEffect, useState } from "react";
import { usePathname } from "next/navigation";

/**
 * Holds a revealed secret only in this component's memory, and forgets it when the user navigates: another route,
 * the page hidden by the router, or the page left (so the back/forward cache does not bring it back).
 */
export function useRevealed<T>() {
  const [value, setValue] = useState<T | null>(null);
  const pathname = usePathname();
  const [shownOn, setShownOn] = useState(pathname);
  if (pathname !== shownOn) {
    setShownOn(pathname);
    setValue(null);
  }
  useEffect(() => {
    const forget = () => setValue(null);
    window.addEventListener("pagehide", forget);
    return () => {
      window.removeEventListener("pagehide", forget);
      forget();
    };
  }, []);
  return [value, setValue] as const;
}
