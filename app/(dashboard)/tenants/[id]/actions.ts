"use server";

import { z } from "zod";
import { authorizedAction } from "@/lib/actions/action";
import { getDb } from "@/lib/db/client";
import { revealSecretSchema, revealTenantSecret } from "@/lib/tenants/reveal-secret";
import { revealTransactionObjectSecrets } from "@/lib/tenants/transaction-object-export";

/** The value goes back only in this response; the secret.reveal record is written in the transaction that opens it. */
export const revealStepSecretAction = authorizedAction("secret.reveal", revealSecretSchema, async (input, { audit }) => revealTenantSecret(getDb(), audit, input));

/** The secret options of hybrid_integration by "section/key", revealed and audited together. */
export const revealTransactionObjectSecretsAction = authorizedAction("secret.reveal", z.object({ tenantId: z.uuid("must be a tenant id") }), async (input, { audit }) =>
  revealTransactionObjectSecrets(getDb(), audit, input.tenantId),
);
