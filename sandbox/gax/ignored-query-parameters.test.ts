import { afterEach, describe, expect, it } from "vitest";
import { defaultGaxSeed, SANDBOX_ADMIN } from "./default-seed";
import { rawGaxSession, startTestSandbox } from "./sandbox-test-kit";
import { parseGaxSeed } from "./seed-schema";

type Obj = Record<string, unknown> & { dbid: string };
const HYBRID = "hybrid_integration";
const GLOBEX_HYBRID = `cfg/objects?type=CfgTransaction&name=${HYBRID}&tenantdbid=102`;

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** The default seed with hybrid_integration in Acme and Globex; `ignored` set on the "multi" deployment. */
async function adminOf(ignored?: string[]) {
  const seed = structuredClone(defaultGaxSeed);
  const multi = seed.deployments[0]!;
  multi.transactions = ["Acme", "Globex"].map((tenant) => ({ tenant, name: HYBRID, alias: HYBRID }));
  if (ignored) multi.ignoredQueryParameters = ignored;
  const { sandbox } = await startTestSandbox({ seed });
  close = sandbox.close;
  return rawGaxSession(sandbox.url, SANDBOX_ADMIN);
}

const tenantsOf = (objects: Obj[]) => objects.map((object) => object.tenantdbid ?? object.ownerdbid);

describe("a GAX that ignores some query parameters of cfg/objects (seed setting ignoredQueryParameters)", () => {
  it("filters by every parameter by default", async () => {
    const admin = await adminOf();
    expect(tenantsOf((await admin.get<Obj[]>(GLOBEX_HYBRID)).body)).toEqual(["102"]);
  });

  it("answers as if tenantdbid were not given when told to ignore it, and still honours name", async () => {
    const admin = await adminOf(["tenantdbid"]);
    expect(tenantsOf((await admin.get<Obj[]>(GLOBEX_HYBRID)).body)).toEqual(["101", "102"]);
    expect((await admin.get<Obj[]>("cfg/objects?type=CfgTransaction&name=other&tenantdbid=102")).body).toEqual([]);
  });

  it("can ignore the filters expression too", async () => {
    const admin = await adminOf(["filters"]);
    const filters = encodeURIComponent("ownerdbid=102 AND subtype=CFGTransaction");
    const folders = (await admin.get<Obj[]>(`cfg/objects?type=CfgFolder&name=Transactions&filters=${filters}`)).body;
    expect(tenantsOf(folders)).toEqual(["1", "101", "102", "103"]);
  });

  it("refuses to ignore type, naming the rule", () => {
    const seed = structuredClone(defaultGaxSeed);
    seed.deployments[0]!.ignoredQueryParameters = ["type"];
    expect(() => parseGaxSeed(seed)).toThrow(/deployments\.0\.ignoredQueryParameters\.0: type cannot be ignored/);
  });
});
