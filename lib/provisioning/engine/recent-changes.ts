import type { DbTx } from "@/lib/db/client";
import { IDENTITY_PROVIDER } from "../model/step-keys";

/** Rotation stages that change the identity provider in Genesys Cloud. */
const PROVIDER_STAGES = ["add-certificate", "remove-old-certificate"];

/**
 * When the provisioner last changed the objects of these steps: the end of the latest apply of one of them that
 * created or updated something (or a manual completion), and for the identity provider also the latest certificate
 * rotation stage that changed it. Changes made by others in the org are not known here.
 */
export async function lastChangedAt(db: DbTx, tenantId: string, stepKeys: readonly string[]): Promise<Date | null> {
  const applied = await db.stepRun.findFirst({
    where: {
      stepKey: { in: [...stepKeys] },
      status: "succeeded",
      outcome: { in: ["created", "updated", "manual"] },
      run: { tenantId, mode: "apply" },
    },
    orderBy: { finishedAt: "desc" },
    select: { finishedAt: true },
  });
  const times = applied?.finishedAt ? [applied.finishedAt.getTime()] : [];
  if (stepKeys.includes(IDENTITY_PROVIDER)) {
    const rotation = await db.certificateRotation.findFirst({
      where: { tenantId },
      orderBy: { startedAt: "desc" },
      select: { stages: true },
    });
    type Stage = { status: string; finishedAt: string; changes?: string[] };
    const stages = (rotation?.stages ?? {}) as Partial<Record<string, Stage>>;
    for (const stage of PROVIDER_STAGES) {
      const record = stages[stage];
      const changed = record?.status === "succeeded" && (record.changes?.length ?? 0) > 0;
      if (changed) times.push(Date.parse(record.finishedAt));
    }
  }
  return times.length > 0 ? new Date(Math.max(...times)) : null;
}
