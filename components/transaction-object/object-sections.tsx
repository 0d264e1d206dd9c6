"use client";

import { needsReauthentication, useReauthentication } from "@/components/auth/use-reauthentication";
import { useTransition } from "react";
import { EyeIcon, EyeOffIcon } from "lucide-react";
import { toast } from "sonner";
import { revealTransactionObjectSecretsAction } from "@/components/transaction-object/actions";
import { CopyButton } from "@/components/checklist/copy-button";
import { MASKED } from "@/components/checklist/secret-value";
import { useRevealed } from "@/components/checklist/use-revealed";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { StatusChip } from "@/components/ui/status-chip";
import type { TransactionObjectEntry, TransactionObjectView } from "@/lib/tenants/transaction-object";
import { cn } from "@/lib/utils/cn";
import { comparisonDisplay } from "./comparison-display";

const refOf = (entry: { section: string; key: string }) => `${entry.section}/${entry.key}`;

function ValueCell({
  entry,
  revealed,
  print,
}: {
  entry: TransactionObjectEntry;
  revealed: Record<string, string> | null;
  print: boolean;
}) {
  const value = entry.secret ? revealed?.[refOf(entry)] : entry.value;
  if (value === undefined) {
    return (
      <span className="font-mono text-xs" aria-label={`${entry.key}: secret, hidden`}>
        {MASKED}
      </span>
    );
  }
  return (
    <span className="flex min-w-0 items-start gap-1">
      <code
        data-testid={entry.secret ? "revealed-secret" : undefined}
        className={cn(
          "min-w-0 flex-1 whitespace-pre-wrap break-all text-xs",
          entry.secret && "rounded bg-warning-soft px-1 text-warning-soft-foreground",
        )}
      >
        {value}
      </code>
      {print ? null : <CopyButton value={value} label={`${entry.section} ${entry.key}`} />}
    </span>
  );
}

type Revealed = Record<string, string> | null;

function ComparisonCell({ entry }: { entry: TransactionObjectEntry }) {
  const display = comparisonDisplay[entry.comparison];
  return (
    <td className="px-3 py-2">
      <StatusChip tone={display.tone} label={display.label} />
      {entry.comparison === "differs" && entry.liveValue !== null ? (
        <span className="mt-1 block break-all font-mono text-xs text-muted-foreground">GAX has: {entry.liveValue}</span>
      ) : null}
    </td>
  );
}

const tickBox = <span aria-hidden="true" className="inline-block size-4 rounded-sm border border-foreground" />;

type OptionsTableProps = { caption: string; entries: TransactionObjectEntry[]; revealed: Revealed; print: boolean };

/** One block of options: a section of the object's options, or the annex. */
function OptionsTable({ caption, entries, revealed, print }: OptionsTableProps) {
  const column = "px-3 py-2 font-medium";
  return (
    <div className="overflow-x-auto rounded-lg border border-border">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">
          {caption}
          {print ? "" : " and how they compare with GAX"}
        </caption>
        <thead className="bg-muted/50 text-xs">
          <tr>
            <th scope="col" className={cn("w-56", column)}>
              Option
            </th>
            <th scope="col" className={column}>
              Value
            </th>
            <th scope="col" className={cn(print ? "w-20" : "w-56", column)}>
              {print ? "Entered" : "In GAX now"}
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr
              key={entry.key}
              data-testid={`option-${refOf(entry)}`}
              data-comparison={entry.comparison}
              className="border-t border-border align-top"
            >
              <th scope="row" className="px-3 py-2 font-mono text-xs font-normal">
                {entry.key}
                {entry.secret ? (
                  <Badge tone="neutral" className="ml-2">
                    secret
                  </Badge>
                ) : null}
              </th>
              <td className="max-w-xl px-3 py-2">
                <ValueCell entry={entry} revealed={revealed} print={print} />
              </td>
              {print ? <td className="px-3 py-2">{tickBox}</td> : <ComparisonCell entry={entry} />}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * hybrid_integration per section, then its Annex apart (the procedure puts organization_domain_suffix there, not
 * in an option section). Secret options are masked; Reveal opens them through the audited action and keeps them
 * only in memory until Hide or navigation. `print` drops the comparison and copy buttons and adds a tick column.
 */
export function ObjectSections({
  tenantId,
  sections,
  annex,
  canReveal,
  print = false,
}: {
  tenantId: string;
  sections: TransactionObjectView["sections"];
  annex: TransactionObjectView["annex"];
  canReveal: boolean;
  print?: boolean;
}) {
  const [revealed, setRevealed] = useRevealed<Record<string, string>>();
  const [pending, startTransition] = useTransition();
  const { withReauthentication, dialog } = useReauthentication();
  const entries = [...sections.flatMap((section) => section.entries), ...(annex?.entries ?? [])];
  const hasSecrets = entries.some((entry) => entry.secret);

  const reveal = () =>
    startTransition(async () => {
      const result = await withReauthentication(
        () => revealTransactionObjectSecretsAction({ tenantId }),
        needsReauthentication,
      );
      if (!result.ok) {
        toast.error("Could not reveal the secrets", { description: result.error });
        return;
      }
      setRevealed(result.data);
      toast.success("Secrets revealed", {
        description: "Your reveal is recorded in the audit log. They hide again when you leave the page.",
      });
    });

  return (
    <div className="grid gap-4">
      {dialog}
      {hasSecrets && canReveal ? (
        <div className="flex flex-wrap items-center gap-2 print:hidden">
          {revealed ? (
            <Button variant="outline" size="sm" onClick={() => setRevealed(null)}>
              <EyeOffIcon aria-hidden="true" />
              Hide secrets
            </Button>
          ) : (
            <Button variant="outline" size="sm" loading={pending} loadingText="Revealing…" onClick={reveal}>
              <EyeIcon aria-hidden="true" />
              {print ? "Reveal secrets for printing" : "Reveal secrets"}
            </Button>
          )}
          <span className="text-xs text-muted-foreground">
            {revealed ? "Shown to you only; recorded in the audit log." : "Revealing is recorded in the audit log."}
          </span>
        </div>
      ) : null}
      {sections.map((section) => (
        <section
          key={section.name}
          aria-labelledby={`section-${section.name}`}
          data-testid={`section-${section.name}`}
          className="grid gap-2 break-inside-avoid"
        >
          <h2 id={`section-${section.name}`} className="font-mono text-base font-semibold">
            [{section.name}]
          </h2>
          <OptionsTable
            caption={`Options of section ${section.name}`}
            entries={section.entries}
            revealed={revealed}
            print={print}
          />
        </section>
      ))}
      {annex ? (
        <section
          aria-labelledby="object-annex"
          data-testid="section-annex"
          data-annex-section={annex.section}
          className="grid gap-2 break-inside-avoid"
        >
          <h2 id="object-annex" className="text-base font-semibold">
            Annex
          </h2>
          <p className="text-xs text-muted-foreground">{annex.note}</p>
          <OptionsTable caption="Options of the Annex" entries={annex.entries} revealed={revealed} print={print} />
        </section>
      ) : null}
    </div>
  );
}
