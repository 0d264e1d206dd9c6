// Prints the fleet file's JSON Schema: `npx tsx scripts/fleet-schema.ts > docs/fleet.schema.json`.
import { fleetJsonSchema } from "@/lib/fleet/fleet-json-schema";

process.stdout.write(`${JSON.stringify(fleetJsonSchema(), null, 2)}\n`);
