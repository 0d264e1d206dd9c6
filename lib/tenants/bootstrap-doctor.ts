import { recordAuditEvent, type AuditContext } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import {
  preflightPassed,
  preflightProblems,
  preflightRemedy,
  BOOTSTRAP_SECRET,
  tenantSecretRef,
  loadTenantView,
} from "@/lib/provisioning";
import type { PreflightReport } from "@/lib/provisioning";
import { openSecret } from "@/lib/secrets/store";
import { diagnoseBootstrapClient } from "./bootstrap-check";

export interface DoctorResult {
  tenant: string;
  clientId: string;
  /** Everything the steps that apply need is there. */
  ok: boolean;
  org: { id: string; name: string; shortName: string } | null;
  /** Why the client could not be checked at all (sign-in refused, org unreachable). */
  failure?: string;
  access: PreflightReport | null;
  /** One sentence per missing permission or role, and what to do. */
  problems: string[];
  remedy?: string;
}

/**
 * Checks a registered tenant's bootstrap client the way the connect step does before apply, without a run and without
 * writing to the org. Audited like a plan is (it signs in to the customer's org with the stored secret on behalf of the
 * operator), with the names of what is missing; the secret is used, not revealed.
 */
export async function runBootstrapDoctor(db: Db, audit: AuditContext, tenantId: string): Promise<DoctorResult> {
  const tenant = await loadTenantView(db, tenantId);
  const secret = await openSecret(db, tenantSecretRef(tenant.id, BOOTSTRAP_SECRET));
  if (!secret) {
    const what = `The bootstrap client secret of ${tenant.label} is not stored`;
    throw new AppError("precondition_failed", `${what}; enter it again in the tenant's settings.`);
  }
  const diagnosis = await diagnoseBootstrapClient(tenant, secret);
  const about = { tenant: tenant.label, clientId: tenant.bootstrapClientId };
  let result: DoctorResult;
  if (diagnosis.checked) {
    const { access, org } = diagnosis;
    const ok = preflightPassed(access);
    const remedy = ok ? {} : { remedy: preflightRemedy(access) };
    result = { ...about, ok, org, access, problems: preflightProblems(access), ...remedy };
  } else {
    result = { ...about, ok: false, org: null, failure: diagnosis.message, access: null, problems: [] };
  }
  await recordAuditEvent(db, audit, {
    event: {
      action: "tenant.diagnose",
      outcome: result.ok ? "success" : "failure",
      target: { type: "tenant", id: tenant.id, label: tenant.label },
      details: {
        missingPermissions: result.access?.missingPermissions.map((gap) => gap.permission) ?? [],
        missingRoles: result.access?.missingRoles.map((gap) => gap.role) ?? [],
        ...(result.failure ? { reason: result.failure } : {}),
      },
    },
  });
  return result;
}
