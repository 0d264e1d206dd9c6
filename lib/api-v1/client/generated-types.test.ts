import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateApiTypes, generatedTypesPath } from "./generate";

describe("the generated API client types", () => {
  it("match the current OpenAPI document (regenerate with scripts/generate-api-client.ts)", async () => {
    expect(readFileSync(generatedTypesPath, "utf8")).toBe(await generateApiTypes());
  });
});
