import type { AuditContext } from "@/lib/audit/record";
import { can, type Action } from "@/lib/auth/permissions";
import type { DbTx } from "@/lib/db/client";
import { CliFailure } from "./errors";

/**
 * Provisioning commands act as a named account of the dashboard (--as EMAIL or HP_CLI_USER), with that account's
 * role checked against the same permission table as the UI, and are audited under it.
 */
export async function operatorContext(db: DbTx, email: string | undefined, action: Action): Promise<AuditContext> {
  const name = (email ?? process.env.HP_CLI_USER ?? "").trim().toLowerCase();
  if (!name)
    throw new CliFailure("name the account to act as with --as EMAIL or HP_CLI_USER (an active user of the dashboard)");
  const user = await db.user.findUnique({
    where: { email: name },
    select: { id: true, email: true, role: true, active: true },
  });
  if (!user || !user.active) throw new CliFailure(`no active user ${name}: create it on the Users page first`);
  if (!can(user.role, action)) throw new CliFailure(`the ${user.role} role of ${user.email} does not allow ${action}`);
  return {
    actor: { id: user.id, email: user.email, role: user.role },
    clientAddress: "local",
    userAgent: "hybrid-provisioner-cli",
  };
}
