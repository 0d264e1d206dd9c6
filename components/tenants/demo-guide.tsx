"use client";

import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

const STORAGE_KEY = "tenants-demo-guide-hidden";
const CHANGED = "tenants-demo-guide-changed";

function subscribe(onChange: () => void) {
  window.addEventListener(CHANGED, onChange);
  return () => window.removeEventListener(CHANGED, onChange);
}

/** A short walk through the demo deployment, until the operator hides it (remembered in this browser). */
export function DemoGuide({ deploymentName }: { deploymentName: string }) {
  const hidden = useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem(STORAGE_KEY) === "yes",
    () => false,
  );
  if (hidden) return null;
  const hide = () => {
    window.localStorage.setItem(STORAGE_KEY, "yes");
    window.dispatchEvent(new Event(CHANGED));
  };
  return (
    <Card data-testid="demo-guide">
      <CardHeader>
        <CardTitle>Rehearse on the demo deployment</CardTitle>
        <CardDescription>
          {deploymentName} and its tenants run against the built-in sandboxes of GAX and Genesys Cloud: nothing real is
          touched, so every step can be tried.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <ol className="grid list-decimal gap-2 pl-5 text-sm">
          <li>
            <strong>Select its tenants</strong> in the table below and press <strong>Plan</strong>: each tenant&apos;s
            checklist then says what Apply would create.
          </li>
          <li>
            <strong>Apply</strong>: the counters, the chart and the rows move while the runs go.
          </li>
          <li>
            <strong>Open a tenant</strong> for its checklist: evidence of each step, generated values, the transaction
            object for Configuration Server. <strong>Verify</strong> later shows any drift.
          </li>
        </ol>
        <div>
          <Button variant="outline" size="sm" onClick={hide}>
            Hide this guide
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
