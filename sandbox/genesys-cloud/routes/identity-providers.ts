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

/** Every certificate the provider trusts: `certificate` and every entry of `certificates`, primary first. */
export function providerCertificates(provider: StoredPureEngage): string[] {
  return [...new Set([provider.certificate, ...(provider.certificates ?? [])])];
}

const checkedList = (field: string, values: string[]) => [
  ...new Set(values.map((value, index) => checkedCertificate(`${field}[${index}]`, value))),
];

/**
 * The two certificate fields after a PUT. Each field sent replaces its stored value; a field left out keeps it
 * (inferred: the API documents no link between them). So a PUT with only `certificate` leaves every certificate of the
 * stored `certificates` trusted; a new provider's missing field starts from the other one.
 */
type CertificateFields = { certificate?: string; certificates?: string[] };

function certificatesAfterPut(existing: StoredPureEngage | null, body: CertificateFields) {
  if (!body.certificate && !body.certificates?.length) {
    const rule = "a PureEngage provider needs the signing certificate in certificate or certificates";
    throw invalidValue("certificate", rule);
  }
  const certificates = body.certificates?.length ? checkedList("certificates", body.certificates) : undefined;
  const certificate = body.certificate ? checkedCertificate("certificate", body.certificate) : undefined;
  return {
    certificate: certificate ?? existing?.certificate ?? certificates![0]!,
    certificates: certificates ?? existing?.certificates ?? [certificate!],
  };
}

function pureEngageView(provider: StoredPureEngage) {
  return { ...provider, certificates: provider.certificates ?? [provider.certificate], selfUri: PUREENGAGE_URI };
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
    const trusted = certificatesAfterPut(existing, { certificate, certificates });
    const provider: StoredPureEngage = { ...body, id: existing?.id ?? randomUUID(), ...trusted };
    caller.org.pureEngageChange = recordChange(caller.org.pureEngageChange, {
      before: existing,
      delayMs: caller.propagationDelayMs,
    });
    caller.org.pureEngage = provider;
    return ok({ id: provider.id, name: provider.name, disabled: provider.disabled, selfUri: PUREENGAGE_URI });
  });

  router.add("DELETE", PUREENGAGE_URI, (ctx) => {
    const caller = callerOf(ctx);
    requirePermissions(caller, "sso:provider:delete");
    caller.org.pureEngageChange = recordChange(caller.org.pureEngageChange, {
      before: providerOf(ctx),
      delayMs: caller.propagationDelayMs,
    });
    caller.org.pureEngage = null;
    return ok({});
  });
}
