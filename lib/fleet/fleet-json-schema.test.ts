import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { fleetJsonSchema } from "./fleet-json-schema";

describe("fleet JSON Schema", () => {
  it("the checked-in docs/fleet.schema.json is the one generated from the zod schema", async () => {
    // Regenerate: npx tsx scripts/fleet-schema.ts > docs/fleet.schema.json
    const checkedIn: unknown = JSON.parse(
      await readFile(new URL("../../docs/fleet.schema.json", import.meta.url), "utf8"),
    );
    expect(checkedIn).toEqual(fleetJsonSchema());
  });
});
