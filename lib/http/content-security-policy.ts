/**
 * The Content-Security-Policy of every page: scripts only from this origin and with this response's nonce (Next.js
 * puts the nonce on its own scripts when it finds the policy on the request), no plugins, no framing, forms and
 * connections to this origin only. Style attributes stay allowed: the UI primitives position popovers with them.
 */
export function contentSecurityPolicy(nonce: string, options: { development?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/** A fresh nonce per response: 128 random bits, base64. */
export function cspNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
