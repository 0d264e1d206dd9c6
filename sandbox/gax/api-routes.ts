import type { HttpBindings } from "@hono/node-server";
import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { answerAfter } from "../shared/answer-latency";
import { invalid, notFound } from "./api-errors";
import { createObject, deleteObject, listObjects, readObject, updateObject } from "./cfg-objects";
import type { DeploymentState } from "./deployment-state";
import type { SandboxRuntime } from "./sandbox-runtime";
import { login, requireSession, SESSION_COOKIE, userInfo } from "./sessions";

export type GaxEnv = { Bindings: HttpBindings; Variables: { deployment: DeploymentState } };

/** The part of the path before /gax/api: "" for the default deployment, "/<name>" for a named one. */
function mountPrefix(path: string) {
  return path.slice(0, path.indexOf("/gax/api"));
}

function dropConnection(c: Context<GaxEnv>) {
  c.env.incoming.socket.destroy();
  return new Response(null, { status: 599 });
}

async function jsonBody(c: Context<GaxEnv>): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw invalid("body: must be a JSON object");
  }
}

/**
 * Picks the deployment, logs the request, and injects the configured faults around the handler; the latency counts
 * from the request's arrival, handling included.
 */
export function deploymentAndFaults(runtime: SandboxRuntime) {
  return async (c: Context<GaxEnv>, next: () => Promise<void>) => {
    const arrivedAt = performance.now();
    const name = c.req.param("deployment") ?? runtime.defaultDeployment;
    const deployment = runtime.deployments.get(name);
    if (!deployment) throw notFound(`no GAX deployment named "${name}"`);
    c.set("deployment", deployment);
    const path = c.req.path.slice(c.req.path.indexOf("/gax/api") + "/gax/api".length);
    const entry = runtime.log({
      deployment: name,
      method: c.req.method,
      path: `${path}${new URL(c.req.url).search}`,
      outcome: "dropped",
    });
    if (runtime.faults.sessionsExpireNow()) runtime.expireAllSessions();
    const answered = () => answerAfter(arrivedAt, runtime.faults.latencyMs);
    const fault = runtime.faults.decide(c.req.method, path);
    if (fault.action !== "none" && fault.phase === "before") {
      await answered();
      if (fault.action === "drop") return dropConnection(c);
      entry.outcome = fault.status;
      return c.json({ status: fault.status, message: "Injected server error" }, fault.status as 503);
    }
    await next();
    await answered();
    if (fault.action === "drop") {
      c.res = dropConnection(c);
      return;
    }
    if (fault.action === "error")
      c.res = c.json({ status: fault.status, message: "Injected server error" }, fault.status as 503);
    entry.outcome = c.res.status;
  };
}

export function createGaxApi() {
  const api = new Hono<GaxEnv>();
  const session = (c: Context<GaxEnv>) => requireSession(c.get("deployment"), getCookie(c, SESSION_COOKIE), Date.now());

  api.get("/cfg/schema", (c) => c.json({ isEnabled: true }));

  api.post("/session/login", async (c) => {
    const created = login(c.get("deployment"), await jsonBody(c), Date.now());
    setCookie(c, SESSION_COOKIE, created.id, {
      path: `${mountPrefix(c.req.path)}/gax`,
      httpOnly: true,
      sameSite: "Lax",
    });
    return c.body(null, 204);
  });

  api.post("/session/logout", (c) => {
    const sessionId = getCookie(c, SESSION_COOKIE);
    if (sessionId) c.get("deployment").sessions.delete(sessionId);
    deleteCookie(c, SESSION_COOKIE, { path: `${mountPrefix(c.req.path)}/gax` });
    return c.body(null, 204);
  });

  api.get("/user/info", (c) => c.json(userInfo(c.get("deployment"), session(c))));

  api.get("/cfg/objects", (c) =>
    c.json(listObjects(c.get("deployment"), session(c).personDbid, new URL(c.req.url).searchParams)),
  );

  api.get("/cfg/objects/:type/:dbid", (c) =>
    c.json(
      readObject(c.get("deployment"), session(c).personDbid, {
        typeName: c.req.param("type"),
        dbid: c.req.param("dbid"),
      }),
    ),
  );

  api.post("/cfg/objects", async (c) => {
    const { personDbid } = session(c);
    return c.json(createObject(c.get("deployment"), personDbid, await jsonBody(c)), 201);
  });

  api.put("/cfg/objects/:type/:dbid", async (c) => {
    const { personDbid } = session(c);
    return c.json(
      updateObject(c.get("deployment"), personDbid, {
        typeName: c.req.param("type"),
        dbid: c.req.param("dbid"),
        body: await jsonBody(c),
      }),
    );
  });

  api.delete("/cfg/objects/:type/:dbid", (c) => {
    deleteObject(c.get("deployment"), session(c).personDbid, {
      typeName: c.req.param("type"),
      dbid: c.req.param("dbid"),
    });
    return c.body(null, 204);
  });

  return api;
}
