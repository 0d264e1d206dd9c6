import { PageHeader } from "@/components/shell/page-header";
import { CreateUserDialog } from "@/components/users/create-user-dialog";
import { UsersTable } from "@/components/users/users-table";
import { requirePagePermission } from "@/lib/auth/session";
import { parseEnv, sessionSettings } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { listUsers } from "@/lib/users/queries";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const currentUser = await requirePagePermission("user.manage");
  const users = await listUsers(getDb(), sessionSettings(parseEnv(process.env)).idleMs);
  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title="Users"
        description="Who may sign in, and with which role. Admins manage everything; operators run provisioning; viewers only look."
        actions={<CreateUserDialog />}
      />
      <UsersTable users={users} currentUserId={currentUser.id} />
    </div>
  );
}
