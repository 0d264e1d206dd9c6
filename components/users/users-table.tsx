import { Users } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusChip } from "@/components/ui/status-chip";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RoleBadge } from "@/components/shell/role-badge";
import { UserRowActions } from "@/components/users/user-row-actions";
import type { UserRow } from "@/lib/users/queries";

export function UsersTable({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  if (users.length === 0)
    return <EmptyState icon={Users} title="No users yet" description="Create the first user with the button above." />;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Email</TableHead>
          <TableHead>Role</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Last sign-in</TableHead>
          <TableHead>Failed sign-ins</TableHead>
          <TableHead>Open sessions</TableHead>
          <TableHead className="text-right">Actions</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {users.map((user) => (
          <TableRow key={user.id} data-testid={`user-row-${user.email}`}>
            <TableCell className="font-medium">{user.name}</TableCell>
            <TableCell>{user.email}</TableCell>
            <TableCell>
              <RoleBadge role={user.role} />
            </TableCell>
            <TableCell>
              {user.active ? (
                <StatusChip tone="success" label="Active" />
              ) : (
                <StatusChip tone="neutral" label="Deactivated" />
              )}
            </TableCell>
            <TableCell>
              {user.lastSignInAt ? user.lastSignInAt.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "Never"}
            </TableCell>
            <TableCell className="tabular-nums">{user.failedSignIns}</TableCell>
            <TableCell className="tabular-nums">{user.openSessions}</TableCell>
            <TableCell className="text-right">
              <UserRowActions
                user={{
                  id: user.id,
                  email: user.email,
                  name: user.name,
                  role: user.role,
                  active: user.active,
                  authProvider: user.authProvider,
                  openSessions: user.openSessions,
                }}
                isSelf={user.id === currentUserId}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
