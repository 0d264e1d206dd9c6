import { CopyButton } from "./copy-button";
import { outputDisplay, type OutputDisplay } from "./output-display";

function OutputValue({ output }: { output: OutputDisplay }) {
  switch (output.kind) {
    case "text":
      return (
        <span className="flex min-w-0 flex-1 items-center gap-2">
          <span className="min-w-0 flex-1 truncate font-mono text-xs" title={output.value}>
            {output.value}
          </span>
          <CopyButton value={output.value} label={output.label} />
        </span>
      );
    case "block":
      return (
        <details className="min-w-0 flex-1">
          <summary className="cursor-pointer text-xs text-muted-foreground">Show {output.summary}</summary>
          <div className="mt-1 flex items-start gap-2">
            <pre className="max-h-64 min-w-0 flex-1 overflow-auto rounded-md bg-muted p-2 font-mono text-xs">
              {output.value}
            </pre>
            <CopyButton value={output.value} label={output.label} />
          </div>
        </details>
      );
    case "table":
      return (
        <div className="min-w-0 flex-1 overflow-x-auto">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">{output.label}</caption>
            <thead>
              <tr>
                {output.columns.map((column) => (
                  <th key={column.key} scope="col" className="pr-2 font-medium">
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {output.rows.map((row, index) => (
                <tr key={index}>
                  {output.columns.map((column) => (
                    <td key={column.key} className="pr-2 font-mono break-all">
                      {row[column.key]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

/** What the step recorded (ids, names, the rules it wrote), in words, with copy buttons. */
export function StepOutputs({ outputs }: { outputs: Record<string, string> }) {
  const shown = Object.entries(outputs)
    .map(([name, value]) => ({ name, output: outputDisplay(name, value) }))
    .filter((entry): entry is { name: string; output: OutputDisplay } => entry.output !== undefined);
  if (shown.length === 0) return null;
  return (
    <dl className="grid gap-1" data-testid="step-outputs">
      {shown.map(({ name, output }) => (
        <div key={name} className={output.kind === "text" ? "flex min-w-0 items-center gap-2" : "grid min-w-0 gap-1"}>
          <dt className="shrink-0 text-muted-foreground">{output.label}</dt>
          <dd className="flex min-w-0 flex-1">
            <OutputValue output={output} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
