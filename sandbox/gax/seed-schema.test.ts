import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultGaxSeed, SANDBOX_ADMIN } from "./default-seed";
import { startGaxSandbox } from "./index";
import { rawGaxSession } from "./sandbox-test-kit";
import { parseGaxSeed, type GaxSandboxSeed } from "./seed-schema";

const modified = (change: (seed: GaxSandboxSeed) => void) => {
  const seed = structuredClone(defaultGaxSeed);
  change(seed);
  return () => parseGaxSeed(seed);
};

describe("GAX sandbox seed", () => {
  it("accepts the default seed: a multi-tenant deployment with three tenants of two agents, and a single-tenant one", () => {
    const seed = parseGaxSeed(defaultGaxSeed);
    const [multi, single] = seed.deployments;
    expect(multi?.tenants.map((tenant) => tenant.name)).toEqual(["Environment", "Acme", "Globex", "Initech"]);
    for (const tenant of ["Acme", "Globex", "Initech"]) {
      const agents = multi?.persons.filter((p) => p.tenant === tenant && p.isAgent && p.accessGroups.includes("Users"));
      expect(agents?.map((person) => person.username)).toEqual([1, 2].map((n) => `${tenant.toLowerCase()}.agent${n}`));
    }
    // One more Acme agent, in no access group: GAX refuses its sign-in.
    expect(multi?.persons.filter((person) => person.accessGroups.length === 0 && !person.isDefaultUser)).toMatchObject([
      { username: "acme.noaccess", tenant: "Acme", isAgent: true },
    ]);
    expect(multi?.gaxApplication).toBe("GAX");
    expect(single?.layout).toBe("single-tenant");
    expect(single?.tenants.map((tenant) => tenant.name)).toEqual(["Environment"]);
  });

  it("names the path and the rule of every broken reference", () => {
    expect(modified((seed) => (seed.deployments[0]!.persons![2]!.tenant = "Umbrella"))).toThrow(
      /deployments\.0\.persons\.2\.tenant: no tenant named "Umbrella"/,
    );
    expect(modified((seed) => seed.deployments[1]!.tenants.push({ name: "Acme" }))).toThrow(
      /deployments\.1\.tenants: a single-tenant deployment has exactly one tenant, named Environment or Resources/,
    );
    expect(
      modified(
        (seed) => (seed.deployments[0]!.transactions = [{ tenant: "Acme", name: "t", alias: "t", folder: "Nowhere" }]),
      ),
    ).toThrow(/deployments\.0\.transactions\.0\.folder: no transactions folder "Nowhere" in tenant "Acme"/);
    expect(modified((seed) => (seed.deployments[1]!.name = "multi"))).toThrow(
      /deployments\.1\.name: deployment "multi" appears twice/,
    );
    expect(modified((seed) => (seed.deployments[0]!.name = "gax"))).toThrow(/deployments\.0\.name: is reserved/);
  });

  it("has a single-tenant deployment whose one tenant is Resources, and refuses other names for that tenant", () => {
    const resources = parseGaxSeed(defaultGaxSeed).deployments.find(
      (deployment) => deployment.name === "single-resources",
    );
    expect(resources?.layout).toBe("single-tenant");
    expect(resources?.tenants.map((tenant) => tenant.name)).toEqual(["Resources"]);
    expect(modified((seed) => (seed.deployments[1]!.tenants = [{ name: "Acme" }]))).toThrow(
      /deployments\.1\.tenants\.0\.name: must be Environment or Resources: the one tenant of a single-tenant Configuration Server/,
    );
    expect(modified((seed) => seed.deployments[0]!.tenants.shift())).toThrow(
      /deployments\.0\.tenants: must include the Environment tenant/,
    );
  });

  it("serves the Resources deployment at /single-resources/gax/api with Resources as its root tenant (DBID 1)", async () => {
    const sandbox = await startGaxSandbox({ port: 0 });
    try {
      const admin = await rawGaxSession(sandbox.deploymentUrls["single-resources"]!, SANDBOX_ADMIN);
      const tenants = await admin.get<{ dbid: string; name: string }[]>("cfg/objects?type=CfgTenant");
      expect(tenants.body.map(({ dbid, name }) => ({ dbid, name }))).toEqual([{ dbid: "1", name: "Resources" }]);
      const folders = await admin.get<{ name: string; ownerdbid: string }[]>(
        "cfg/objects?type=CfgFolder&name=Transactions",
      );
      expect(folders.body.map(({ name, ownerdbid }) => ({ name, ownerdbid }))).toEqual([
        { name: "Transactions", ownerdbid: "1" },
      ]);
    } finally {
      await sandbox.close();
    }
  });

  it("starts from a seed file path", async () => {
    const directory = await mkdtemp(join(tmpdir(), "gax-seed-"));
    const path = join(directory, "seed.json");
    const seed = structuredClone(defaultGaxSeed);
    seed.deployments = [seed.deployments[1]!];
    delete seed.defaultDeployment;
    await writeFile(path, JSON.stringify(seed));
    const sandbox = await startGaxSandbox({ port: 0, seed: path });
    try {
      expect(Object.keys(sandbox.deploymentUrls)).toEqual(["single"]);
      const admin = await rawGaxSession(sandbox.url, SANDBOX_ADMIN);
      expect((await admin.get<unknown[]>("cfg/objects?type=CfgTenant")).body).toHaveLength(1);
    } finally {
      await sandbox.close();
      await rm(directory, { recursive: true });
    }
  });
});
