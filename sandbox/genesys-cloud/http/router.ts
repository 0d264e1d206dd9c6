// A small method + path router with `:param` segments.
import type { RequestContext, Reply } from "./context";

type Handler = (ctx: RequestContext) => Promise<Reply> | Reply;

interface Route {
  method: string;
  /** The path as registered, e.g. `/api/v2/oauth/clients/:id`. */
  path: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

type RouteMatch = { handler: Handler; params: Record<string, string>; path: string };

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const source = path.replace(/:([A-Za-z]+)/g, (_m, key: string) => {
      keys.push(key);
      return "([^/]+)";
    });
    this.routes.push({ method, path, pattern: new RegExp(`^${source}/?$`), keys, handler });
    return this;
  }

  /** Every registered route as method and path pattern. */
  list(): { method: string; path: string }[] {
    return this.routes.map(({ method, path }) => ({ method, path }));
  }

  match(method: string, pathname: string): RouteMatch | "method-not-allowed" | undefined {
    let pathKnown = false;
    for (const route of this.routes) {
      const found = route.pattern.exec(pathname);
      if (!found) continue;
      pathKnown = true;
      if (route.method !== method) continue;
      const params = Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(found[i + 1] ?? "")]));
      return { handler: route.handler, params, path: route.path };
    }
    return pathKnown ? "method-not-allowed" : undefined;
  }
}
