// Writes lib/api-v1/client/openapi-types.ts from the API's OpenAPI document (after changing an operation's schemas).
import { writeFileSync } from "node:fs";
import { generateApiTypes, generatedTypesPath } from "@/lib/api-v1/client/generate";

writeFileSync(generatedTypesPath, await generateApiTypes());
console.log(`wrote ${generatedTypesPath}`);
