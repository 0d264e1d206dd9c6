// Predictive Engagement: GET /api/v2/journey/actionmaps (paged; journey:actionmap:view).
import { requirePermissions } from "../authorization";
import { callerOf, ok } from "../http/context";
import { paged } from "../http/paging";
import type { Router } from "../http/router";
import { SEED_TIME, type StoredActionMap } from "../state";

function actionMapView(map: StoredActionMap) {
  return {
    id: map.id,
    version: 1,
    isActive: map.isActive,
    displayName: map.displayName,
    triggerWithSegments: [],
    weight: 1,
    ignoreFrequencyCap: false,
    createdDate: SEED_TIME,
    modifiedDate: SEED_TIME,
    selfUri: `/api/v2/journey/actionmaps/${map.id}`,
  };
}

export function registerJourneyRoutes(router: Router): void {
  router.add("GET", "/api/v2/journey/actionmaps", (ctx) => {
    const caller = callerOf(ctx);
    requirePermissions(caller, "journey:actionmap:view");
    return ok(paged(ctx, caller.org.actionMaps.map(actionMapView)));
  });
}
