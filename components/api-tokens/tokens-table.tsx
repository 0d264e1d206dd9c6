import { KeyRound } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusChip } from "@/components/ui/status-chip";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { RevokeTokenButton } from "@/components/api-tokens/revoke-token-button";
import type { ApiTokenRow } from "@/lib/api-tokens";

const when = (date: Date | null, none: string) =>
  date ? date.toISOString().replace("T", " ").slice(0, 16) + " UTC" : none;

function TokenStatus({ token, now }: { token: ApiTokenRow; now: Date }) {
  if (token.revokedAt) return <StatusChip tone="neutral" label="Revoked" />;
  if (token.expiresAt && token.expiresAt <= now) return <StatusChip tone="neutral" label="Expired" />;
  return <StatusChip tone="success" label="Active" />;
}

/** Tokens with their last use; `showOwner` for the admin's view of everyone's tokens. */
export function TokensTable({ tokens, showOwner, now }: { tokens: ApiTokenRow[]; showOwner: boolean; now: Date }) {
  if (tokens.length === 0)
    return <EmptyState icon={KeyRound} title="No API tokens" description="Create one to call /api/v1 from a script." />;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          {showOwner ? <TableHead>Owner</TableHead> : null}
          <TableHead>Token</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Expires</TableHead>
          <TableHead>Last used</TableHead>
          <TableHead className="text-right">Actions</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {tokens.map((token) => (
          <TableRow key={token.id} data-testid={`api-token-row-${token.name}`}>
            <TableCell className="font-medium">{token.name}</TableCell>
            {showOwner ? <TableCell>{token.user.email}</TableCell> : null}
            <TableCell className="font-mono text-xs">{token.prefix}…</TableCell>
            <TableCell>
              <TokenStatus token={token} now={now} />
            </TableCell>
            <TableCell>{when(token.expiresAt, "Never")}</TableCell>
            <TableCell>
              {when(token.lastUsedAt, "Never")}
              {token.lastUsedAddress ? ` from ${token.lastUsedAddress}` : ""}
            </TableCell>
            <TableCell className="text-right">
              {token.revokedAt ? null : <RevokeTokenButton token={{ id: token.id, name: token.name }} />}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
