// Divisions: list and home. No permission is required to read them (convention, see the docs).
import { callerOf, ok } from "../http/context";
import { paged } from "../http/paging";
import type { Router } from "../http/router";
import { homeDivision, type Division } from "../state";

export const divisionView = (d: Division) => ({
  id: d.id,
  name: d.name,
  description: d.description,
  homeDivision: d.homeDivision,
  selfUri: `/api/v2/authorization/divisions/${d.id}`,
});

export function registerDivisionRoutes(router: Router): void {
  router.add("GET", "/api/v2/authorization/divisions", (ctx) => {
    const { org } = callerOf(ctx);
    const name = ctx.url.searchParams.get("name")?.toLowerCase();
    const ids = ctx.url.searchParams.getAll("id");
    const divisions = [...org.divisions.values()]
      .filter((d) => !name || d.name.toLowerCase().includes(name))
      .filter((d) => ids.length === 0 || ids.includes(d.id));
    return ok(paged(ctx, divisions.map(divisionView)));
  });

  router.add("GET", "/api/v2/authorization/divisions/home", (ctx) => ok(divisionView(homeDivision(callerOf(ctx).org))));
}
