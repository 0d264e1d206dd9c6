import { CreateTokenDialog } from "@/components/api-tokens/create-token-dialog";
import { TokensTable } from "@/components/api-tokens/tokens-table";
import { PageHeader } from "@/components/shell/page-header";
import { listApiTokens } from "@/lib/api-tokens";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";

export const metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const user = await requirePagePermission("dashboard.view");
  const admin = can(user.role, "user.manage");
  const tokens = await listApiTokens(getDb(), admin ? {} : { userId: user.id });
  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title="API tokens"
        description={
          admin
            ? "Everyone's personal tokens for the HTTP API (/api/v1); you may revoke any of them. See the API reference (/api-docs)."
            : "Your personal tokens for the HTTP API (/api/v1). Each acts with your current role. See the API reference (/api-docs)."
        }
        actions={<CreateTokenDialog />}
      />
      <TokensTable tokens={tokens} showOwner={admin} now={new Date()} />
    </div>
  );
}
