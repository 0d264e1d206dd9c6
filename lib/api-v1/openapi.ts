import { z } from "zod";
import { idempotencyKeyHeader } from "./idempotency";
import type { ApiOperation } from "./operation";
import { apiOperations } from "./operations";
import { problemContentType, problemSchema } from "./problem";
import { apiRateLimit } from "./rate-limit";

// The OpenAPI 3.1 document of /api/v1, made from the operations' zod schemas (z.toJSONSchema): nothing hand-written.

type JsonSchema = Record<string, unknown>;
type Components = Record<string, JsonSchema>;

const componentRef = (id: string) => `#/components/schemas/${id}`;

/** A schema in JSON Schema 2020-12 (OpenAPI 3.1's dialect); named parts are moved to `components`. */
function jsonSchemaOf(schema: z.ZodType, { io, components }: { io: "input" | "output"; components: Components }) {
  const converted = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  const text = JSON.stringify(converted).replaceAll('"#/$defs/', `"${componentRef("")}`);
  const { $schema: _dialect, $defs, ...rest } = JSON.parse(text) as JsonSchema & { $defs?: Components };
  Object.assign(components, $defs ?? {});
  return rest;
}

/** The properties of an object schema (following its $ref), as OpenAPI parameters. */
function parametersOf(
  schema: z.ZodType | undefined,
  { where, components }: { where: "path" | "query"; components: Components },
) {
  if (!schema) return [];
  let object = jsonSchemaOf(schema, { io: "input", components });
  if (typeof object.$ref === "string") object = components[object.$ref.slice(componentRef("").length)] ?? {};
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, { description, ...property }]) => ({
    name,
    in: where,
    required: where === "path" || required.has(name),
    ...(description ? { description } : {}),
    schema: property,
  }));
}

const problemResponse = (description: string) => ({
  description,
  content: { [problemContentType]: { schema: { $ref: componentRef("Problem") } } },
});

const rateLimitHeaders = Object.fromEntries(
  ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"].map((name) => [
    name,
    { schema: { type: "integer" }, description: `Token bucket of ${apiRateLimit.capacity} requests per token` },
  ]),
);

/** A document body (an import): JSON by its schema, or the same document as text of another content type. */
function requestBodyOf({ documentBody }: ApiOperation, components: Components) {
  if (!documentBody) return {};
  const text = Object.fromEntries(documentBody.textTypes.map((type) => [type, { schema: { type: "string" } }]));
  const json = { "application/json": { schema: jsonSchemaOf(documentBody.json, { io: "input", components }) } };
  return { requestBody: { required: true, description: documentBody.description, content: { ...json, ...text } } };
}

function operationObject(operation: ApiOperation, components: Components) {
  const parameters = [
    ...parametersOf(operation.params, { where: "path", components }),
    ...parametersOf(operation.query, { where: "query", components }),
    ...(operation.idempotent
      ? [
          {
            name: idempotencyKeyHeader,
            in: "header",
            required: false,
            description: "The same key (per token) answers with the run the first request started",
            schema: { type: "string", minLength: 1, maxLength: 200 },
          },
        ]
      : []),
  ];
  const errors = operation.permission
    ? {
        "400": problemResponse("Invalid input; `errors` names each field"),
        "401": problemResponse("No valid API token"),
        "403": problemResponse("The token's user's role does not allow this"),
        "404": problemResponse("Not found"),
        "409": problemResponse("Conflict with the current state"),
        "429": problemResponse("Rate limit of the token reached; see RateLimit-Reset"),
      }
    : { "503": { description: "The database does not answer" } };
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    tags: [operation.tag],
    ...(operation.permission
      ? {
          description: [`Needs the \`${operation.permission}\` permission.`, operation.adminOnly]
            .filter(Boolean)
            .join(" "),
        }
      : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...requestBodyOf(operation, components),
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchemaOf(operation.body, { io: "input", components }) } },
          },
        }
      : {}),
    responses: {
      [String(operation.status ?? 200)]: {
        description: "Success",
        headers: operation.permission ? rateLimitHeaders : undefined,
        content: {
          "application/json": { schema: jsonSchemaOf(operation.response, { io: "output", components }) },
        },
      },
      ...errors,
    },
  };
}

export function openApiDocument(operations: Record<string, ApiOperation> = apiOperations) {
  const components: Components = {};
  jsonSchemaOf(problemSchema, { io: "output", components });
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of Object.values(operations))
    (paths[operation.path] ??= {})[operation.method] = operationObject(operation, components);
  return {
    openapi: "3.1.0",
    info: {
      title: "Hybrid Provisioner API",
      version: "1",
      description:
        "Automation for the Hybrid Provisioner: deployments, tenants, fleet imports, runs, certificate rotation and the audit log. Authenticate with a " +
        "personal API token (`Authorization: Bearer hp_...`); errors are problem details (application/problem+json).",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerToken: [] }],
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "A personal API token (hp_...)" },
      },
    },
  };
}
export type OpenApiDocument = ReturnType<typeof openApiDocument>;
