import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, cspNonce } from "@/lib/http/content-security-policy";

/** Gives every page response its own CSP nonce; Next.js reads the policy from the request to put the nonce on its scripts. */
export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy(cspNonce(), { development: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Pages only: API routes answer JSON or files, and static assets carry no inline script.
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
