"use server";

import { z } from "zod";
import { authorizedAction } from "@/lib/actions/action";
import { reauthenticate } from "@/lib/auth/reauthenticate";
import { getDb } from "@/lib/db/client";

const reauthenticateSchema = z.object({
  password: z.string().min(1, "is required").max(1024, "must be at most 1024 characters"),
});

/** The password again, for a sensitive action after the sign-in has aged (any signed-in role). */
export const reauthenticateAction = authorizedAction(
  "dashboard.view",
  reauthenticateSchema,
  async (input, { user, audit }) => {
    await reauthenticate(getDb(), audit, { userId: user.id, sessionId: user.session.id, password: input.password });
    return { confirmed: true };
  },
);
