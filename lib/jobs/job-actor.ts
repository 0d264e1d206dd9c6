import { z } from "zod";

/** Who asked for a queued job; copied onto every audit record the job writes. */
export const actorSchema = z.object({
  id: z.string().nullable(),
  email: z.string().nullable(),
  role: z.string().nullable(),
});
