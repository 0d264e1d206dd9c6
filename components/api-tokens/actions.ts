"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/actions/action";
import { createApiToken, createApiTokenInput, revokeApiToken } from "@/lib/api-tokens";
import { getDb } from "@/lib/db/client";

// Every signed-in user may hold tokens; what a token may do is its user's role at the time of each request.
export const createApiTokenAction = authorizedAction(
  "dashboard.view",
  createApiTokenInput,
  async (input, { audit }) => {
    const created = await createApiToken(getDb(), audit, { input });
    revalidatePath("/api-tokens");
    return { name: created.name, token: created.token };
  },
);

// Owners revoke their own; revokeApiToken lets admins (user.manage) revoke anyone's.
export const revokeApiTokenAction = authorizedAction(
  "dashboard.view",
  z.object({ id: z.uuid() }),
  async (input, { audit }) => {
    const revoked = await revokeApiToken(getDb(), audit, input);
    revalidatePath("/api-tokens");
    return { name: revoked.name };
  },
);
