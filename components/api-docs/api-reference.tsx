import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { OpenApiDocument } from "@/lib/api-v1/openapi";

type Parameter = { name: string; in: string; required: boolean; description?: string; schema: unknown };
type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
};

const schemaName = (schema: unknown) => {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  return ref ? ref.split("/").at(-1)! : JSON.stringify(schema);
};

const typeOf = (schema: unknown) => {
  const value = schema as { type?: string; enum?: unknown[]; format?: string; default?: unknown };
  const base = value.enum
    ? value.enum.join(" | ")
    : `${value.type ?? "value"}${value.format ? ` (${value.format})` : ""}`;
  return value.default !== undefined ? `${base}, default ${JSON.stringify(value.default)}` : base;
};

function OperationCard({ method, path, operation }: { method: string; path: string; operation: Operation }) {
  return (
    <Card data-testid={`api-operation-${operation.operationId}`}>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2 font-mono text-sm">
          <Badge tone="outline">{method.toUpperCase()}</Badge>
          <span className="break-all">/api/v1{path}</span>
        </CardTitle>
        <CardDescription>
          {operation.summary}
          {operation.description ? ` ${operation.description}` : ""}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2 text-sm">
        {operation.parameters?.length ? (
          <ul className="grid gap-1">
            {operation.parameters.map((parameter) => (
              <li key={`${parameter.in}-${parameter.name}`}>
                <code className="font-mono">{parameter.name}</code>{" "}
                <span className="text-muted-foreground">
                  ({parameter.in}
                  {parameter.required ? ", required" : ""}): {typeOf(parameter.schema)}
                  {parameter.description ? `. ${parameter.description}` : ""}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        {operation.requestBody ? (
          <p>
            Body:{" "}
            <code className="font-mono">{schemaName(operation.requestBody.content["application/json"]?.schema)}</code>
          </p>
        ) : null}
        <p>
          Answers:{" "}
          {Object.entries(operation.responses)
            .map(([status, response]) =>
              response.content?.["application/json"]
                ? `${status} ${schemaName(response.content["application/json"].schema)}`
                : status,
            )
            .join(", ")}
        </p>
      </CardContent>
    </Card>
  );
}

/** The OpenAPI document for people: every operation with its parameters, then every schema as JSON Schema. */
export function ApiReference({ document }: { document: OpenApiDocument }) {
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation: operation as Operation })),
  );
  return (
    <div className="grid grid-cols-1 gap-4">
      {operations.map(({ path, method, operation }) => (
        <OperationCard key={operation.operationId} path={path} method={method} operation={operation} />
      ))}
      <h2 className="mt-4 text-lg font-semibold">Schemas</h2>
      {Object.entries(document.components.schemas).map(([name, schema]) => (
        <details key={name} id={`schema-${name}`} className="rounded-md border border-border bg-card p-3">
          <summary className="cursor-pointer font-mono text-sm">{name}</summary>
          <pre className="mt-2 overflow-x-auto text-xs">{JSON.stringify(schema, null, 2)}</pre>
        </details>
      ))}
    </div>
  );
}
