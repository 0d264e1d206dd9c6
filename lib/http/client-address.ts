/** Set by the app's own HTTP server from the socket (any value a client sends is overwritten). */
export const clientAddressHeader = "x-hp-client-address";

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function read(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === "function")
    return (headers as { get(name: string): string | null }).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

export function requestOrigin(headers: HeaderSource): { clientAddress: string | null; userAgent: string | null } {
  return { clientAddress: read(headers, clientAddressHeader), userAgent: read(headers, "user-agent") };
}
