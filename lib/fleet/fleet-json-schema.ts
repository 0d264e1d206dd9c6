import { z } from "zod";
import { fleetSchema } from "./fleet-schema";

/** The fleet file's JSON Schema, generated from the zod schema that validates it (docs/fleet.schema.json). */
export function fleetJsonSchema() {
  return {
    ...z.toJSONSchema(fleetSchema, { io: "input", unrepresentable: "any" }),
    title: "Hybrid Provisioner fleet file",
    description:
      "Deployments and their tenants, as `npm run cli -- import` takes them and `export` prints them (docs/fleet.md).",
  };
}
