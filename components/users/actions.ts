"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/action";
import { getDb } from "@/lib/db/client";
import { createUser, endAllUserSessions, resetUserPassword, setUserActive, updateUser } from "@/lib/users/manage-users";
import { createUserSchema, setUserActiveSchema, updateUserSchema, userIdSchema } from "@/lib/validation/user";

export const createUserAction = authorizedAction("user.manage", createUserSchema, async (input, { audit }) => {
  const { user, generatedPassword } = await createUser(getDb(), audit, input);
  revalidatePath("/users");
  return { email: user.email, generatedPassword };
});

export const updateUserAction = authorizedAction("user.manage", updateUserSchema, async (input, { audit }) => {
  const user = await updateUser(getDb(), audit, input);
  revalidatePath("/users");
  return { email: user.email };
});

export const setUserActiveAction = authorizedAction("user.manage", setUserActiveSchema, async (input, { audit }) => {
  const user = await setUserActive(getDb(), audit, input);
  revalidatePath("/users");
  return { email: user.email, active: user.active };
});

export const resetUserPasswordAction = authorizedAction("user.manage", userIdSchema, async (input, { audit }) => {
  const { user, generatedPassword } = await resetUserPassword(getDb(), audit, input);
  revalidatePath("/users");
  return { email: user.email, generatedPassword };
});

export const endUserSessionsAction = authorizedAction("user.manage", userIdSchema, async (input, { audit }) => {
  const { user, sessionsEnded } = await endAllUserSessions(getDb(), audit, input);
  revalidatePath("/users");
  return { email: user.email, sessionsEnded };
});
