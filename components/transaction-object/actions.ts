"use server";

import { z } from "zod";
import { authorizedAction } from "@/lib/actions/action";
import { can } from "@/lib/auth/permissions";
import { requireRecentAuthentication } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { refuseReveal, revealSecretSchema, revealTenantSecret } from "@/lib/tenants/reveal-secret";
import { TRANSACTION_OBJECT_PURPOSES, revealTransactionObjectSecrets } from "@/lib/tenants/transaction-object-export";

// Reading the tenant is checked first; a role that may read but not reveal is refused with an audit record, so
// attempts to see secrets are on record as well as reveals. Then the sign-in must be recent (the password again).

/** The value goes back only in this response; the secret.reveal record is written in the transaction that opens it. */
export const revealStepSecretAction = authorizedAction(
  "tenant.read",
  revealSecretSchema,
  async (input, { user, audit }) => {
    if (!can(user.role, "secret.reveal")) return refuseReveal(getDb(), audit, input);
    requireRecentAuthentication(user);
    return revealTenantSecret(getDb(), audit, input);
  },
);

/** The secret options of hybrid_integration by "section/key", revealed and audited together. */
export const revealTransactionObjectSecretsAction = authorizedAction(
  "tenant.read",
  z.object({ tenantId: z.uuid("must be a tenant id") }),
  async (input, { user, audit }) => {
    if (!can(user.role, "secret.reveal"))
      return refuseReveal(getDb(), audit, { tenantId: input.tenantId, purpose: TRANSACTION_OBJECT_PURPOSES.page });
    requireRecentAuthentication(user);
    return revealTransactionObjectSecrets(getDb(), audit, input.tenantId);
  },
);
