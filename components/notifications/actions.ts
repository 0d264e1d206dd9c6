"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/action";
import { getDb } from "@/lib/db/client";
import { createEndpoint, deleteEndpoint, updateEndpoint } from "@/lib/notifications/endpoints";
import { sendTestNotification } from "@/lib/notifications/test-delivery";
import { endpointIdSchema, endpointInputSchema, endpointUpdateSchema } from "@/lib/validation/notification-endpoint";

// Alert endpoints are settings: admins only (settings.manage), re-checked by every action.

export const createEndpointAction = authorizedAction(
  "settings.manage",
  endpointInputSchema,
  async (input, { audit }) => {
    const created = await createEndpoint(getDb(), audit, input);
    revalidatePath("/notifications");
    return { id: created.id, name: input.name, signingSecret: created.signingSecret ?? null };
  },
);

export const updateEndpointAction = authorizedAction(
  "settings.manage",
  endpointUpdateSchema,
  async (input, { audit }) => {
    const { id, ...fields } = input;
    await updateEndpoint(getDb(), audit, { id, input: fields });
    revalidatePath("/notifications");
    return { name: fields.name };
  },
);

export const deleteEndpointAction = authorizedAction("settings.manage", endpointIdSchema, async (input, { audit }) => {
  await deleteEndpoint(getDb(), audit, input.id);
  revalidatePath("/notifications");
  return { id: input.id };
});

export const sendTestAction = authorizedAction("settings.manage", endpointIdSchema, async (input, { audit }) => {
  const deliveryId = await sendTestNotification(getDb(), audit, { endpointId: input.id });
  revalidatePath("/notifications");
  return { deliveryId };
});
