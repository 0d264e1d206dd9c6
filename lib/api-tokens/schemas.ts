import { z } from "zod";
import { lineText } from "@/lib/validation/text";

export const maxTokenExpiryDays = 3650;

export const createApiTokenInput = z.object({
  name: lineText(80),
  /** Days until the token stops working; none: it works until revoked. */
  expiresInDays: z
    .number()
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .max(maxTokenExpiryDays, `must be at most ${maxTokenExpiryDays} days`)
    .optional(),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenInput>;
