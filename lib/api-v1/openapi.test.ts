import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";
import { apiOperations } from "./operations";

describe("the OpenAPI document", () => {
  it("validates against the OpenAPI 3.1 schema", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(openApiDocument()));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("lists every operation, with references that resolve and idempotency keys where runs start", () => {
    const document = openApiDocument();
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item)) as {
      operationId: string;
      parameters?: { name: string }[];
    }[];
    expect(operations.map((operation) => operation.operationId).sort()).toEqual(
      Object.values(apiOperations)
        .map((operation) => operation.operationId)
        .sort(),
    );
    const refs = [...JSON.stringify(document).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]);
    for (const ref of refs) expect(document.components.schemas).toHaveProperty(ref!);
    const apply = operations.find((operation) => operation.operationId === "applyTenant");
    expect(apply?.parameters?.map((parameter) => parameter.name)).toContain("Idempotency-Key");
  });
});
