"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/actions/action";
import { requireRecentAuthentication } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueRotation } from "@/lib/jobs/rotation-jobs";
import { getJobQueue } from "@/lib/jobs/queue-client";
import { currentKeyMaterial } from "@/lib/provisioning";

const rotationRequestSchema = z.object({ tenantId: z.uuid("must be a tenant id") });

/** Queues a certificate rotation (or the resumption of an unfinished one); a worker runs it under the tenant's lease. */
export const rotateCertificateAction = authorizedAction(
  "provisioning.run",
  rotationRequestSchema,
  async (input, { user, audit }) => {
    requireRecentAuthentication(user);
    const db = getDb();
    if (!(await db.tenant.findUnique({ where: { id: input.tenantId }, select: { id: true } })))
      throw new AppError("not_found", "This tenant no longer exists.");
    // Refuse at once what the worker would refuse, so the operator sees why without waiting for the job.
    await currentKeyMaterial(db, input.tenantId);
    await enqueueRotation(await getJobQueue(), input.tenantId, audit);
    revalidatePath(`/tenants/${input.tenantId}/certificate`);
    return { queued: true };
  },
);
