// Control endpoints for tests and demos (enabled only with `controlEndpoints: true`).
import { ok, type RequestContext } from "../http/context";
import { badRequest } from "../http/errors";
import type { Router } from "../http/router";
import { snapshot } from "../state";

function bodyOf(ctx: RequestContext): unknown {
  if (!ctx.rawBody.trim()) return {};
  try {
    return JSON.parse(ctx.rawBody);
  } catch {
    throw badRequest("The request body is not valid JSON");
  }
}

export function registerControlRoutes(router: Router): void {
  router.add("GET", "/__sandbox/state", (ctx) => ok(snapshot(ctx.state)));

  router.add("POST", "/__sandbox/reset", (ctx) => {
    ctx.sandbox.reset();
    return ok({ reset: true });
  });

  router.add("POST", "/__sandbox/faults", (ctx) => {
    try {
      return ok(ctx.sandbox.setFaults(bodyOf(ctx)));
    } catch (error) {
      throw badRequest(error instanceof Error ? error.message : "invalid fault configuration");
    }
  });
}
