import { readFileSync } from "node:fs";
import internals from "@prisma/internals";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";

// The migrations are hand-written SQL; this proves the migrated database is exactly what schema.prisma describes.
type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: string;
  type: string;
  isRequired: boolean;
  isList: boolean;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type DmmfIndex = { model: string; type: "id" | "unique" | "normal" | "fulltext"; fields: { name: string }[] };

const { getDMMF } = internals as unknown as {
  getDMMF(options: { datamodel: string }): Promise<{
    datamodel: {
      models: DmmfModel[];
      enums: { name: string; dbName?: string | null; values: { name: string; dbName?: string | null }[] }[];
      indexes: DmmfIndex[];
    };
  }>;
};

let client: pg.Client;
let dmmf: Awaited<ReturnType<typeof getDMMF>>["datamodel"];

beforeAll(async () => {
  dmmf = (await getDMMF({ datamodel: readFileSync("prisma/schema.prisma", "utf8") })).datamodel;
  client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
});
afterAll(() => client.end());

const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
const columnOf = (model: DmmfModel, fieldName: string) => {
  const field = model.fields.find((candidate) => candidate.name === fieldName);
  return field?.dbName ?? fieldName;
};
const modelByName = (name: string) => dmmf.models.find((model) => model.name === name)!;

function expectedType(field: DmmfField): string {
  const [native, args = []] = field.nativeType ?? [];
  if (field.kind === "enum") return `enum:${dmmf.enums.find((e) => e.name === field.type)?.dbName ?? field.type}`;
  if (native === "Uuid") return "uuid";
  if (native === "Timestamptz") return `timestamp with time zone(${args[0] ?? 6})`;
  if (native === "VarChar") return `character varying(${args[0]})`;
  const byType: Record<string, string> = {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Boolean: "boolean",
    DateTime: "timestamp without time zone(3)",
    Json: "jsonb",
    Float: "double precision",
    Decimal: "numeric",
    Bytes: "bytea",
  };
  const base = byType[field.type];
  if (!base) throw new Error(`No mapping for ${field.type}`);
  return field.isList ? `${base}[]` : base;
}

function hasDatabaseDefault(field: DmmfField): boolean {
  if (field.default === undefined) return false;
  const named = field.default as { name?: string };
  // uuid() and cuid() are filled in by the client, not by the database.
  return !(
    typeof named === "object" &&
    named !== null &&
    ["uuid", "cuid", "nanoid", "ulid"].includes(named.name ?? "")
  );
}

describe("migrated database matches schema.prisma", () => {
  it("has exactly the tables of the models", async () => {
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    );
    const actual = rows
      .map((row) => row.table_name)
      .filter((name) => name !== "_prisma_migrations")
      .sort();
    expect(actual).toEqual(dmmf.models.map(tableOf).sort());
  });

  it("has every field as a column with the same type, nullability and default, and no other columns", async () => {
    for (const model of dmmf.models) {
      const { rows } = await client.query<{
        column_name: string;
        data_type: string;
        udt_name: string;
        is_nullable: string;
        column_default: string | null;
        datetime_precision: number | null;
        character_maximum_length: number | null;
      }>(
        "SELECT column_name, data_type, udt_name, is_nullable, column_default, datetime_precision, character_maximum_length FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
        [tableOf(model)],
      );
      const actual = Object.fromEntries(
        rows.map((row) => {
          let type = row.data_type;
          if (type === "USER-DEFINED") type = `enum:${row.udt_name}`;
          if (type.startsWith("timestamp")) type = `${type}(${row.datetime_precision})`;
          if (type === "character varying") type = `${type}(${row.character_maximum_length})`;
          if (type === "ARRAY") type = `${row.udt_name.replace(/^_/, "").replace("text", "text")}[]`;
          return [
            row.column_name,
            { type, nullable: row.is_nullable === "YES", hasDefault: row.column_default !== null },
          ];
        }),
      );
      const expected = Object.fromEntries(
        model.fields
          .filter((field) => field.kind === "scalar" || field.kind === "enum")
          .map((field) => [
            field.dbName ?? field.name,
            { type: expectedType(field), nullable: !field.isRequired, hasDefault: hasDatabaseDefault(field) },
          ]),
      );
      expect({ table: tableOf(model), columns: actual }).toEqual({ table: tableOf(model), columns: expected });
    }
  });

  it("has exactly the primary keys, unique constraints and indexes the schema declares", async () => {
    const { rows } = await client.query<{
      table_name: string;
      columns: string[];
      is_unique: boolean;
      is_primary: boolean;
    }>(`
      SELECT t.relname AS table_name, i.indisunique AS is_unique, i.indisprimary AS is_primary,
             array_agg(a.attname::text ORDER BY k.ordinality) AS columns
      FROM pg_index i
      JOIN pg_class t ON t.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ordinality)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE t.relname <> '_prisma_migrations'
      GROUP BY t.relname, i.indexrelid, i.indisunique, i.indisprimary`);
    const describeIndex = (table: string, kind: string, columns: string[]) => `${table}:${kind}(${columns.join(",")})`;
    const actual = rows
      .map((row) =>
        describeIndex(row.table_name, row.is_primary ? "id" : row.is_unique ? "unique" : "normal", row.columns),
      )
      .sort();
    const expected = dmmf.indexes
      .map((index) => {
        const model = modelByName(index.model);
        return describeIndex(
          tableOf(model),
          index.type,
          index.fields.map((field) => columnOf(model, field.name)),
        );
      })
      .sort();
    expect(actual).toEqual(expected);
  });

  it("has a foreign key for every relation", async () => {
    const { rows } = await client.query<{ table_name: string; columns: string[]; foreign_table: string }>(`
      SELECT c.conrelid::regclass::text AS table_name, c.confrelid::regclass::text AS foreign_table,
             array_agg(a.attname::text ORDER BY k.ordinality) AS columns
      FROM pg_constraint c
      JOIN pg_namespace n ON n.oid = c.connamespace AND n.nspname = 'public'
      CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ordinality)
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
      WHERE c.contype = 'f'
      GROUP BY c.oid, c.conrelid, c.confrelid`);
    const actual = rows
      .map(
        (row) =>
          `${row.table_name.replace(/"/g, "")}(${row.columns.join(",")})->${row.foreign_table.replace(/"/g, "")}`,
      )
      .sort();
    const expected = dmmf.models
      .flatMap((model) =>
        model.fields
          .filter((field) => field.kind === "object" && field.relationFromFields && field.relationFromFields.length > 0)
          .map(
            (field) =>
              `${tableOf(model)}(${field.relationFromFields!.map((name) => columnOf(model, name)).join(",")})->${tableOf(modelByName(field.type))}`,
          ),
      )
      .sort();
    expect(actual).toEqual(expected);
  });

  // Only the public schema: pg-boss keeps its own tables, enums and keys in the "pgboss" schema of the same database.
  it("has every enum with its values", async () => {
    const { rows } = await client.query<{ name: string; values: string[] }>(
      "SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS values FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = 'public' JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname",
    );
    const actual = Object.fromEntries(rows.map((row) => [row.name, row.values]));
    const expected = Object.fromEntries(
      dmmf.enums.map((e) => [e.dbName ?? e.name, e.values.map((value) => value.dbName ?? value.name)]),
    );
    expect(actual).toEqual(expected);
  });
});
