import Link from "next/link";
import { ShieldX } from "lucide-react";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { getCurrentUser } from "@/lib/auth/session";
import { roleLabels, isRole } from "@/lib/auth/roles";

export const metadata = { title: "Not allowed" };

export default async function ForbiddenPage() {
  const user = await getCurrentUser();
  const role = user && isRole(user.role) ? roleLabels[user.role] : "your";
  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader title="Not allowed" />
      <EmptyState
        icon={ShieldX}
        title="Your role does not allow this page"
        description={`The ${role} role cannot open it. Ask an admin if you need access.`}
        action={
          <Link className="text-sm font-medium text-primary underline-offset-4 hover:underline" href="/">
            Back to the overview
          </Link>
        }
      />
    </div>
  );
}
