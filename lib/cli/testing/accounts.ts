import { systemActor } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { createUser } from "@/lib/users/manage-users";
import { uniqueEmail } from "@/test/support/db";

/** An operator's and a viewer's dashboard accounts (by e-mail), for commands run `--as` each of them. */
export function cliAccounts(prefix: string) {
  const accounts = { operator: uniqueEmail(`${prefix}-operator`), viewer: uniqueEmail(`${prefix}-viewer`) };
  return {
    ...accounts,
    async create(db: Db) {
      for (const role of ["operator", "viewer"] as const) {
        const email = accounts[role];
        await createUser(db, { actor: systemActor }, { email, name: email, role, password: "a-long-password-1" });
      }
    },
  };
}
