import createClient from "openapi-fetch";
import type { paths } from "./openapi-types";

export type { components, operations, paths } from "./openapi-types";

/** A typed client of /api/v1 (openapi-fetch over the generated types), authenticated with a personal API token. */
export function createApiClient({ origin, token }: { origin: string; token: string }) {
  return createClient<paths>({
    baseUrl: new URL("/api/v1", origin).toString(),
    headers: { Authorization: `Bearer ${token}` },
  });
}
