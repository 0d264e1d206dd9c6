import { Hono } from "hono";
import { invalid } from "./api-errors";
import { faultConfigSchema } from "./faults";
import type { SandboxRuntime } from "./sandbox-runtime";
import { firstIssue } from "./zod-issue";

/** /__sandbox: fault injection, inspection and reset; mounted only when the sandbox is started with control endpoints. */
export function createControlRoutes(runtime: SandboxRuntime) {
  const control = new Hono();

  control.post("/faults", async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined);
    const parsed = faultConfigSchema.safeParse(body ?? {});
    if (!parsed.success) throw invalid(firstIssue(parsed.error));
    runtime.faults.configure(parsed.data);
    if (parsed.data.expireSessionsNow) runtime.expireAllSessions();
    return c.json(runtime.faults.describe());
  });

  control.get("/state", (c) => c.json(runtime.snapshot()));

  control.post("/reset", (c) => {
    runtime.reset();
    return c.body(null, 204);
  });

  return control;
}
