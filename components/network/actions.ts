"use server";

import { authorizedAction } from "@/lib/actions/action";
import { probeRegions, probeRequestSchema } from "@/lib/network/probe-regions";

/** Read-only: resolves and connects to the region's hosts from the server; nothing is sent over the connection. */
export const probeNetworkAction = authorizedAction("network.read", probeRequestSchema, ({ regions }) =>
  probeRegions(regions),
);
