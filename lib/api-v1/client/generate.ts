import openapiTS, { astToString } from "openapi-typescript";
import { format, resolveConfig } from "prettier";
import { fileURLToPath } from "node:url";
import { openApiDocument } from "../openapi";

export const generatedTypesPath = fileURLToPath(new URL("./openapi-types.ts", import.meta.url));

const header = `// Generated from /api/v1/openapi.json by openapi-typescript: run \`npx tsx scripts/generate-api-client.ts\`.
// lib/api-v1/client/generated-types.test.ts fails when this file is out of date.
`;

/** The TypeScript types of the OpenAPI document, as openapi-fetch clients use them, formatted like the sources. */
export async function generateApiTypes(): Promise<string> {
  // Fields with a default are optional in a request: the server fills them in.
  const ast = await openapiTS(structuredClone(openApiDocument()) as never, { defaultNonNullable: false });
  const options = (await resolveConfig(generatedTypesPath)) ?? {};
  return format(header + astToString(ast), { ...options, filepath: generatedTypesPath });
}
