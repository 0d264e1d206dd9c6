"use client";

import { useCallback, useSyncExternalStore } from "react";
import type { VisibilityState } from "@tanstack/react-table";

const CHANGED = "tenants-columns-changed";

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

function parse(text: string | null, defaults: VisibilityState): VisibilityState {
  try {
    const stored: unknown = text ? JSON.parse(text) : null;
    if (!stored || typeof stored !== "object") return defaults;
    const choices = Object.entries(stored).filter(([, visible]) => typeof visible === "boolean");
    return { ...defaults, ...Object.fromEntries(choices) };
  } catch {
    return defaults;
  }
}

/**
 * Which columns the operator chose to see, kept in this browser (localStorage) so it survives reloads and polls. The
 * server renders the defaults; the stored choice applies once the page runs in the browser.
 */
export function useColumnVisibility(storageKey: string, defaults: VisibilityState) {
  const text = useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem(storageKey),
    () => null,
  );
  const visibility = parse(text, defaults);
  const setVisibility = useCallback(
    (next: VisibilityState) => {
      window.localStorage.setItem(storageKey, JSON.stringify(next));
      window.dispatchEvent(new Event(CHANGED));
    },
    [storageKey],
  );
  return [visibility, setVisibility] as const;
}
