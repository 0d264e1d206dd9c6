import { userInfo } from "node:os";
import type { AuditContext } from "@/lib/audit/record";

/** Maintenance commands act as the operating-system account that ran them; that is what the audit log shows. */
export function maintenanceAuditContext(): AuditContext {
  let account = "unknown";
  try {
    account = userInfo().username;
  } catch {
    // No passwd entry (some containers): keep "unknown".
  }
  return {
    actor: { id: null, email: `cli:${account}`, role: "system" },
    clientAddress: "local",
    userAgent: "hybrid-provisioner-cli",
  };
}
