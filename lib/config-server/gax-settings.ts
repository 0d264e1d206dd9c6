import { z } from "zod";

/** Settings of one GAX (one Configuration Server deployment). */
export const gaxSettingsSchema = z
  .object({
    /** Where GAX is served, e.g. http://gax.example:8080 (a trailing /gax/api is accepted). */
    baseUrl: z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL such as http://gax.example:8080" })
      .refine(
        (value) => !new URL(value).username && !new URL(value).password,
        "must not contain credentials (give username and password separately)",
      ),
    username: z.string().min(1, "is required"),
    password: z.string().min(1, "is required"),
    /** The password is the obscured value the GAX web UI sends (for GAX builds that accept only that). */
    passwordIsEncrypted: z.boolean().default(false),
    /** Section of hybrid_integration that holds organization_domain_suffix; default: the desired object's (general). */
    annexSection: z.string().trim().min(1, "must not be empty").optional(),
    /** Name of each tenant's folder for transactions. */
    transactionsFolderName: z.string().trim().min(1, "must not be empty").default("Transactions"),
    timeoutMs: z.number().int().positive().max(300_000).default(15_000),
    /** Read-then-write rounds apply makes before giving up on a GAX that keeps failing. */
    maxApplyAttempts: z.number().int().min(1).max(10).default(4),
  })
  .strict();

export type GaxSettingsInput = z.input<typeof gaxSettingsSchema>;
type GaxSettings = z.output<typeof gaxSettingsSchema>;

export function parseGaxSettings(input: GaxSettingsInput): GaxSettings {
  const result = gaxSettingsSchema.safeParse(input);
  if (result.success) return result.data;
  // Never echo the input: it holds the password.
  const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "settings"} ${issue.message}`);
  throw new Error(`Invalid GAX settings: ${problems.join("; ")}`);
}
