// A client for one short job (a provisioning run) that reads the org, its Home division, roles and OAuth clients once.
import type { GenesysCloudClient } from "./client";
import type { OAuthClient } from "./endpoints/oauth-clients";
import type { Role, RoleQuery } from "./endpoints/roles";

/**
 * Wraps a client so that repeated reads of the organization, the Home division, role lists and the OAuth client
 * list are answered from the first answer. The client's own writes keep them current: a successful create or
 * update is written into the cached list, and a failed write (whose outcome may be unknown) forgets the list, so
 * the next read asks the org again. Changes made by anyone else are not seen: use one per job, not longer.
 */
export function withReadCache(client: GenesysCloudClient): GenesysCloudClient {
  const reads = new Map<string, Promise<unknown>>();

  /** Keeps an answer under `key` until it turns out to be a failure. */
  function keep<T>(key: string, answer: Promise<T>): Promise<T> {
    reads.set(key, answer);
    answer.catch(() => reads.get(key) === answer && reads.delete(key));
    return answer;
  }

  /** The answer of the first read under `key`; a failed read is not kept. Callers get their own copy. */
  async function once<T>(key: string, read: () => Promise<T>): Promise<T> {
    const pending = (reads.get(key) as Promise<T> | undefined) ?? keep(key, read());
    return structuredClone(await pending);
  }

  const forget = (prefix: string) => {
    for (const key of reads.keys()) if (key.startsWith(prefix)) reads.delete(key);
  };

  /** Applies a write to every cached read under `prefix`, or forgets them when the write failed. */
  async function write<T, Cached>(
    prefix: string,
    send: () => Promise<T>,
    update: (cached: Cached, written: T) => Cached,
  ): Promise<T> {
    let written: T;
    try {
      written = await send();
    } catch (error) {
      forget(prefix);
      throw error;
    }
    for (const [key, pending] of reads) {
      if (key.startsWith(prefix))
        keep(
          key,
          pending.then((cached) => update(cached as Cached, structuredClone(written))),
        );
    }
    return written;
  }

  const withoutSecret = ({ secret: _secret, ...rest }: OAuthClient): OAuthClient => rest;
  const replaced = <T extends { id: string }>(list: T[], item: T) =>
    list.map((entry) => (entry.id === item.id ? item : entry));
  // A read sent at the same time as the create may already hold the new client.
  const added = <T extends { id: string }>(list: T[], item: T) =>
    list.some((entry) => entry.id === item.id) ? replaced(list, item) : [...list, item];
  const listRoles = (query: RoleQuery = {}) => once(`roles ${JSON.stringify(query)}`, () => client.listRoles(query));

  return {
    ...client,
    getOrganization: () => once("organization", () => client.getOrganization()),
    getHomeDivision: () => once("home-division", () => client.getHomeDivision()),
    listRoles,
    findRoleByDefaultId: async (defaultRoleId: string) =>
      (await listRoles({ defaultRoleId: [defaultRoleId] })).entities.find(
        (role) => role.defaultRoleId === defaultRoleId,
      ) ?? null,
    updateRole: (id, body) =>
      write(
        "roles",
        () => client.updateRole(id, body),
        (page: { entities: Role[] }, role) => ({ ...page, entities: replaced(page.entities, role) }),
      ),
    listOAuthClients: () => once("oauth-clients", () => client.listOAuthClients()),
    createOAuthClient: (body) =>
      write(
        "oauth-clients",
        () => client.createOAuthClient(body),
        (list: OAuthClient[], created) => added(list, withoutSecret(created)),
      ),
    updateOAuthClient: (id, body) =>
      write(
        "oauth-clients",
        () => client.updateOAuthClient(id, body),
        (list: OAuthClient[], updated) => replaced(list, withoutSecret(updated)),
      ),
    deleteOAuthClient: (id) =>
      write(
        "oauth-clients",
        () => client.deleteOAuthClient(id),
        (list: OAuthClient[]) => list.filter((entry) => entry.id !== id),
      ),
    regenerateOAuthClientSecret: (id) =>
      write(
        "oauth-clients",
        () => client.regenerateOAuthClientSecret(id),
        (list: OAuthClient[]) => list,
      ),
  };
}
