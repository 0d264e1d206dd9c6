import { writeFileSync } from "node:fs";
import type { Db } from "@/lib/db/client";
import { systemActor } from "@/lib/audit/record";
import { createUser } from "@/lib/users/manage-users";

type FirstAdminResult =
  { created: false } | { created: true; email: string; generatedPassword?: string; passwordFile?: string };

/**
 * On first run (no users at all) creates the admin: from ADMIN_EMAIL/ADMIN_PASSWORD when set, otherwise with a
 * generated password written once to a 0600 file.
 */
export async function ensureFirstAdmin(
  db: Db,
  options: { email?: string; password?: string; passwordFile: string },
): Promise<FirstAdminResult> {
  if ((await db.user.count()) > 0) return { created: false };
  const email = (options.email ?? "admin@hybrid-provisioner.local").toLowerCase();
  const { user, generatedPassword } = await createUser(
    db,
    { actor: systemActor },
    { email, name: "Administrator", role: "admin", password: options.password, source: "first-run" },
  );
  if (!generatedPassword) return { created: true, email: user.email };
  writeFileSync(options.passwordFile, `email: ${user.email}\npassword: ${generatedPassword}\n`, { mode: 0o600 });
  return { created: true, email: user.email, generatedPassword, passwordFile: options.passwordFile };
}
