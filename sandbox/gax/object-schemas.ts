import { z } from "zod";
import { CFG_TYPES, OBJECT_TYPE_ENUM, type CfgType } from "./cfg-types";
import { firstIssue } from "./zod-issue";

/** GAX JSON of Configuration Server objects: lowercase PSDK attribute names, every scalar a string. */

const dbid = z.string().regex(/^[1-9]\d*$/, "must be a DBID written as a string of digits");
const numberString = z.string().regex(/^\d+$/, "must be a number written as a string");
const state = z.enum(["CFGEnabled", "CFGDisabled"]);
const flag = z.enum(["CFGTrue", "CFGFalse"]);
const objectTypeEnum = z.enum(CFG_TYPES.map((type) => OBJECT_TYPE_ENUM[type]) as [string, ...string[]]);

const userPropertiesSchema = z
  .object({
    property: z.array(z.object({ section: z.string().min(1), key: z.string().min(1), value: z.string() }).strict()),
  })
  .strict()
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.property.forEach((entry, index) => {
      const id = `${entry.section}/${entry.key}`;
      if (seen.has(id))
        ctx.addIssue({ code: "custom", path: ["property", index], message: `key "${id}" appears twice` });
      seen.add(id);
    });
  });

const common = {
  dbid: dbid.optional(),
  state: state.default("CFGEnabled"),
  folderid: dbid.optional(),
  userproperties: userPropertiesSchema.default({ property: [] }),
};

const schemas = {
  CfgTenant: z
    .object({
      type: z.literal("CfgTenant"),
      ...common,
      name: z.string().min(1),
      description: z.string().optional(),
      isserviceprovider: flag.default("CFGFalse"),
    })
    .strict(),
  CfgFolder: z
    .object({
      type: z.literal("CfgFolder"),
      ...common,
      name: z.string().min(1),
      description: z.string().optional(),
      subtype: objectTypeEnum,
      ownerdbid: dbid,
      ownertype: z.literal("CFGTenant"),
      folderclass: z.enum(["CFGFCDefault", "CFGFCBusinessStructure"]).default("CFGFCDefault"),
    })
    .strict(),
  CfgTransaction: z
    .object({
      type: z.literal("CfgTransaction"),
      ...common,
      tenantdbid: dbid,
      name: z.string().min(1).max(255),
      alias: z.string().min(1, "is required").max(255),
      subtype: z.string().regex(/^CFGTRT[A-Za-z]+$/, "must be a CfgTransactionType name such as CFGTRTList"),
      recordperiod: numberString.default("0"),
      description: z.string().optional(),
    })
    .strict(),
  CfgPerson: z
    .object({
      type: z.literal("CfgPerson"),
      ...common,
      tenantdbid: dbid,
      username: z.string().min(1),
      /** Write-only: accepted on create and update, never returned. */
      password: z.string().optional(),
      firstname: z.string().default(""),
      lastname: z.string().default(""),
      employeeid: z.string().default(""),
      isagent: flag.default("CFGFalse"),
    })
    .strict(),
  CfgAccessGroup: z
    .object({
      type: z.literal("CfgAccessGroup"),
      ...common,
      tenantdbid: dbid,
      name: z.string().min(1),
      memberids: z
        .object({ idtype: z.array(z.object({ dbid, type: z.literal("CFGPerson") }).strict()) })
        .strict()
        .default({ idtype: [] }),
    })
    .strict(),
  /** An Environment-level object (no tenant); `subtype` is its CfgAppType, options are its own key/value list. */
  CfgApplication: z
    .object({
      type: z.literal("CfgApplication"),
      ...common,
      name: z.string().min(1),
      subtype: z.string().regex(/^CFG[A-Za-z]+$/, "must be a CfgAppType name such as CFGGenesysAdministratorServer"),
      version: z.string().default(""),
      isserver: flag.default("CFGTrue"),
      options: userPropertiesSchema.default({ property: [] }),
    })
    .strict(),
} satisfies Record<CfgType, z.ZodType>;

export type CfgObjectOf<T extends CfgType> = z.output<(typeof schemas)[T]> & { dbid: string };
export type AnyCfgObject = { [T in CfgType]: CfgObjectOf<T> }[CfgType];

export class ValidationError extends Error {}

/** Validates a GAX JSON object of the given class; the message names the attribute and the rule. */
export function parseCfgObject(type: CfgType, body: unknown): Omit<AnyCfgObject, "dbid"> & { dbid?: string } {
  const result = schemas[type].safeParse(body);
  if (result.success) return result.data;
  throw new ValidationError(firstIssue(result.error, "object"));
}

/** Attribute names that `filters` and query parameters may use for a class. */
export function filterableAttributes(type: CfgType): string[] {
  const lists = ["userproperties", "options", "password", "memberids"];
  return Object.keys(schemas[type].shape).filter((attribute) => !lists.includes(attribute));
}
