import { z } from "zod";
import { minimumPasswordLength } from "@/lib/auth/password-rules";
import { roles } from "@/lib/auth/roles";
import { isSingleLine } from "@/lib/validation/text";

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(320, { message: "Use at most 320 characters." })
  .pipe(z.email({ message: "Enter a valid email address." }));
const name = z
  .string()
  .trim()
  .min(1, { message: "Enter a name." })
  .max(120, { message: "Use at most 120 characters." })
  .refine(isSingleLine, {
    message: "Use letters, digits and punctuation only.",
  });
const role = z.enum(roles, { message: "Choose admin, operator or viewer." });

export const createUserSchema = z.object({
  email,
  name,
  role,
  password: z
    .string()
    .max(200, { message: "Use at most 200 characters." })
    .optional()
    .transform((value) => (value ? value : undefined))
    .refine((value) => value === undefined || value.length >= minimumPasswordLength, {
      message: `Use at least ${minimumPasswordLength} characters, or leave empty to generate one.`,
    }),
});

export const updateUserSchema = z.object({ id: z.uuid(), name, role });
export const userIdSchema = z.object({ id: z.uuid() });
export const setUserActiveSchema = z.object({ id: z.uuid(), active: z.boolean() });

export type CreateUserInput = z.infer<typeof createUserSchema>;
