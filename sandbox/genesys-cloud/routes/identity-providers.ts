// Identity providers: list all; PureEngage get, put (create or update, short answer), delete.
import { randomUUID, X509Certificate } from "node:crypto";
import { z } from "zod";
import { requirePermissions } from "../authorization";
import { callerOf, jsonBody, ok, type RequestContext } from "../http/context";
import { invalidValue, notFound } from "../http/errors";
import { paged } from "../http/paging";
import type { Router } from "../http/router";
import { recordChange } from "../propagation";
import { bareCertificate } from "../saml-assertion";
import { pureEngageSeedSchema } from "../seed-schema";
import type { StoredPureEngage } from "../state";

const PUREENGAGE_URI = "/api/v2/identityproviders/pureengage";

/** The PUT body: the stored fields, with the certificates in `certificate` and/or `certificates` (PEM armour optional). */
const putSchema = pureEngageSeedSchema.omit({ id: true, certificate: true, certificates: true }).extend({
  id: z.string().optional(),
  certificate: z.string().optional(),
  certificates: z.array(z.string()).optional(),
});

function checkedCertificate(field: string, value: string): string {
  const bare = bareCertificate(value);
  try {
    new X509Certificate(Buffer.from(bare, "base64"));
  } catch {
    throw invalidValue(field, "must be a base64 X.509 certificate (PEM armour optional)");
  }
  return bare;
}

/**
 * Every certificate the provider trusts, first the primary. Sandbox convention (the real API's handling of both
 * fields is not documented): a PUT stores `certificate` followed by `certificates`, duplicates dropped.
 */
export function providerCertificates(provider: StoredPureEngage): string[] {
  return provider.certificates?.length ? provider.certificates : [provider.certificate];
}

function certificatesOf(body: { certificate?: string; certificates?: string[] }): string[] {
  const given = [
    ...(body.certificate ? [{ field: "certificate", value: body.certificate }] : []),
    ...(body.certificates ?? []).map((value, index) => ({ field: `certificates[${index}]`, value })),
  ];
  if (given.length === 0) throw invalidValue("certificate", "a PureEngage provider needs the signing certificate in certificate or certificates");
  return [...new Set(given.map(({ field, value }) => checkedCertificate(field, value)))];
}

export function pureEngageView(provider: StoredPureEngage) {
  const certificates = providerCertificates(provider);
  return { ...provider, certificate: certificates[0], certificates, selfUri: PUREENGAGE_URI };
}

function providerOf(ctx: RequestContext): StoredPureEngage {
  const provider = callerOf(ctx).org.pureEngage;
  if (!provider) throw notFound("PureEngage identity provider");
  return provider;
}

export function registerIdentityProviderRoutes(router: Router): void {
  router.add("GET", "/api/v2/identityproviders", (ctx) => {
    const { org } = callerOf(ctx);
    requirePermissions(callerOf(ctx), "sso:provider:view");
    const providers = org.pureEngage ? [pureEngageView(org.pureEngage)] : [];
    return ok(paged(ctx, providers, Math.max(providers.length, 1)));
  });

  router.add("GET", PUREENGAGE_URI, (ctx) => {
    requirePermissions(callerOf(ctx), "sso:provider:view");
    return ok(pureEngageView(providerOf(ctx)));
  });

  router.add("PUT", PUREENGAGE_URI, (ctx) => {
    const caller = callerOf(ctx);
    const existing = caller.org.pureEngage;
    requirePermissions(caller, existing ? "sso:provider:edit" : "sso:provider:add");
    const { certificates, certificate, id: _id, ...body } = jsonBody(ctx, putSchema);
    const trusted = certificatesOf({ certificate, certificates });
    const provider: StoredPureEngage = { ...body, id: existing?.id ?? randomUUID(), certificate: trusted[0]!, certificates: trusted };
    caller.org.pureEngageChange = recordChange(caller.org.pureEngageChange, existing, caller.propagationDelayMs);
    caller.org.pureEngage = provider;
    return ok({ id: provider.id, name: provider.name, disabled: provider.disabled, selfUri: PUREENGAGE_URI });
  });

  router.add("DELETE", PUREENGAGE_URI, (ctx) => {
    const caller = callerOf(ctx);
    requirePermissions(caller, "sso:provider:delete");
    caller.org.pureEngageChange = recordChange(caller.org.pureEngageChange, providerOf(ctx), caller.propagationDelayMs);
    caller.org.pureEngage = null;
    return ok({});
  });
}
