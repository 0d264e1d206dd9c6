import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "@/sandbox/genesys-cloud";
import { acmeOrg, auditorClient, clientFor, startSandbox } from "../test-support";

describe("division endpoints", () => {
  let sandbox: RunningGenesysSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it("lists every division and reads the Home division", async () => {
    const gc = clientFor(sandbox);
    expect((await gc.listDivisions()).map((d) => [d.name, d.homeDivision])).toEqual([
      ["Home", true],
      ["Contact Centre", false],
    ]);
    expect(await gc.getHomeDivision()).toEqual({
      id: acmeOrg.divisions[0]!.id,
      name: "Home",
      description: "The org's default division",
      homeDivision: true,
      selfUri: `/api/v2/authorization/divisions/${acmeOrg.divisions[0]!.id}`,
    });
  });

  it("needs no permission to read divisions (sandbox convention)", async () => {
    expect((await auditorClient(sandbox).getHomeDivision()).name).toBe("Home");
  });
});
