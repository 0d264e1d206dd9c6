import type { Db } from "@/lib/db/client";
import { notifySafely } from "./notify";
import { log } from "@/lib/observability/logger";

/** The isolation check's step key (lib/provisioning/model/step-keys.ts; notifications do not import provisioning). */
export const ISOLATION_STEP = "tenant-isolation";

type Difference = { field?: string; expected?: unknown; actual?: unknown };

/** A difference about the stored sample agent itself says nothing about a leak. */
const leakOf = (differences: Difference[]) => differences.filter((difference) => difference.field !== "sample agent");

/**
 * The alerts a run's end calls for: a failed run, drift a verify found (steps applied before that drifted or went
 * missing), and an isolation leak (apply's check refused by a leak, or verify's check drifted by one). Reads the run's
 * records, so it holds for every way a run ends; never throws. A caller that knows how the run ended passes it: a plan
 * or apply that succeeded calls for none (no step failed, and only verify finds drift), so nothing is read.
 */
export async function notifyRunEnded(db: Db, runId: string, ended?: { mode: string; status: string }): Promise<void> {
  if (ended && ended.status === "succeeded" && ended.mode !== "verify") return;
  try {
    const run = await db.run.findUnique({
      where: { id: runId },
      include: {
        tenant: { include: { deployment: { select: { id: true, name: true } }, stepStates: true } },
        stepRuns: { select: { stepKey: true, status: true, outcome: true, errorCode: true, operatorMessage: true } },
      },
    });
    if (!run || !run.finishedAt) return;
    const { tenant } = run;
    const common = {
      tenant: { id: tenant.id, name: tenant.cfgTenantName },
      deployment: tenant.deployment,
      path: `/tenants/${tenant.id}`,
    };
    const label = `${tenant.deployment.name}/${tenant.cfgTenantName}`;
    const runDetails = { runId: run.id, correlationId: run.correlationId, mode: run.mode, status: run.status };
    const states = new Map(tenant.stepStates.map((state) => [state.stepKey, state]));

    if (run.status === "failed") {
      const summary = `The ${run.mode} run of ${label} failed: ${run.operatorMessage ?? run.errorCode ?? "no message"}`;
      await notifySafely(db, {
        type: "run.failed",
        summary,
        ...common,
        details: { ...runDetails, errorCode: run.errorCode },
      });
    }

    const isolation = run.stepRuns.find((stepRun) => stepRun.stepKey === ISOLATION_STEP);
    const isolationDrift = leakOf((states.get(ISOLATION_STEP)?.drift as Difference[] | null) ?? []);
    const leaked =
      isolation &&
      ((run.mode === "apply" && isolation.status === "failed" && isolation.errorCode === "conflict") ||
        (run.mode === "verify" && isolation.outcome === "drifted" && isolationDrift.length > 0));
    if (leaked) {
      const seen = isolationDrift.map((d) => `${d.field} ${String(d.actual)}`).join("; ");
      const summary = `Tenant isolation leaks for ${label}: ${seen || isolation.operatorMessage || "another tenant's agent can read its object"}`;
      await notifySafely(db, {
        type: "isolation.leak",
        summary,
        ...common,
        details: { ...runDetails, differences: isolationDrift },
      });
    }

    if (run.mode === "verify") {
      const drifted = run.stepRuns.filter(
        (stepRun) =>
          stepRun.stepKey !== ISOLATION_STEP &&
          (stepRun.outcome === "drifted" ||
            (stepRun.outcome === "missing" && states.get(stepRun.stepKey)?.status === "done")),
      );
      if (drifted.length > 0) {
        const steps = drifted.map((stepRun) => ({
          step: stepRun.stepKey,
          status: stepRun.outcome,
          differences: (states.get(stepRun.stepKey)?.drift as Difference[] | null) ?? [],
        }));
        const summary = `Verify found drift on ${label}: ${steps.map((s) => `${s.step} (${s.status})`).join(", ")}.`;
        await notifySafely(db, { type: "drift.detected", summary, ...common, details: { ...runDetails, steps } });
      }
    }
  } catch (error) {
    log().error({ err: error }, "could not read the run's end for alerts");
  }
}
