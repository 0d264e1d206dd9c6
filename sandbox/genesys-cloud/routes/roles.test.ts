import { afterEach, describe, expect, it } from "vitest";
import { defaultGenesysSeed, type RunningGenesysSandbox } from "../index";
import type { GenesysSandboxSeedInput } from "../seed-schema";
import { ACME, acmeOrg, api, conditionalPolicy, tokenFor, withSandbox } from "../test-support";

type OrgSeed = GenesysSandboxSeedInput["orgs"][number];

const EMPLOYEE = acmeOrg.roles[1]!;
const ROLES = "/api/v2/authorization/roles";

/** The default seed with the employee role of acme-eu holding the conditional policy, edited further by `edit`. */
function seedWith(edit: (org: OrgSeed) => void = () => undefined): GenesysSandboxSeedInput {
  const seed = structuredClone(defaultGenesysSeed) as GenesysSandboxSeedInput;
  seed.orgs[0]!.roles![1]!.permissionPolicies!.push(conditionalPolicy);
  edit(seed.orgs[0]!);
  return seed;
}

describe("roles", () => {
  let sandbox: RunningGenesysSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });
  const call = async (method: string, path: string, body?: unknown) =>
    api(sandbox!.url, await tokenFor(sandbox!.url, ACME), { method, path, body });
  const employeeInList = async () => {
    const page = (await call("GET", `${ROLES}?defaultRoleId=employee`)).body;
    return (page.entities as Record<string, unknown>[])[0]!;
  };

  it("keeps every policy field on PUT, conditions and unknown fields included, and answers them on GET", async () => {
    sandbox = await withSandbox();
    const policies = [{ domain: "directory", entityName: "user", actionSet: ["view"] }, conditionalPolicy];
    const put = await call("PUT", `${ROLES}/${EMPLOYEE.id}`, { name: "employee", permissionPolicies: policies });
    expect(put.status).toBe(200);
    const read = await call("GET", `${ROLES}/${EMPLOYEE.id}`);
    const defaults = { namedResources: [], allowConditions: false };
    expect(read.body.permissionPolicies).toEqual([{ ...policies[0], ...defaults }, conditionalPolicy]);
    expect(read.body.userCount).toBe(2);
    expect((await call("GET", `${ROLES}/${EMPLOYEE.id}?userCount=false`)).body).not.toHaveProperty("userCount");
  });

  it("lists full policies by default, and abbreviated ones when the org's list omits or bares them", async () => {
    sandbox = await withSandbox({ seed: seedWith() });
    expect((await employeeInList()).permissionPolicies).toEqual(expect.arrayContaining([conditionalPolicy]));
    await sandbox.close();

    sandbox = await withSandbox({ roleListPolicies: "omitted", seed: seedWith() });
    const omitted = await employeeInList();
    expect(omitted).toMatchObject({ id: EMPLOYEE.id, name: "employee", defaultRoleId: "employee", userCount: 2 });
    expect(omitted).not.toHaveProperty("permissionPolicies");
    expect(omitted).not.toHaveProperty("permissions");
    const byId = await call("GET", `${ROLES}/${EMPLOYEE.id}`);
    expect(byId.body.permissionPolicies).toEqual(expect.arrayContaining([conditionalPolicy]));
    await sandbox.close();

    sandbox = await withSandbox({ seed: seedWith((org) => (org.roleListPolicies = "bare")) });
    const bare = (await employeeInList()).permissionPolicies as Record<string, unknown>[];
    expect(bare).toContainEqual({ domain: "directory", entityName: "user", actionSet: ["edit"] });
    expect(bare.every((policy) => Object.keys(policy).sort().join() === "actionSet,domain,entityName")).toBe(true);
  });

  it("drops policies of a domain the org has no product for, without an error", async () => {
    sandbox = await withSandbox({ seed: seedWith((org) => (org.unlicensedDomains = ["journey"])) });
    const policies = [
      { domain: "directory", entityName: "user", actionSet: ["view"] },
      { domain: "journey", entityName: "segment", actionSet: ["view"] },
    ];
    const put = await call("PUT", `${ROLES}/${EMPLOYEE.id}`, { name: "employee", permissionPolicies: policies });
    expect(put.status).toBe(200);
    expect((put.body.permissionPolicies as { domain: string }[]).map((policy) => policy.domain)).toEqual(["directory"]);
  });
});
