import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "@/sandbox/genesys-cloud";
import { defaultGenesysSeed } from "@/sandbox/genesys-cloud";
import { ACME, acmeOrg, auditorClient, clientFor, failureOf, resetSandbox, startSandbox } from "../test-support";

const ADMIN_ROLE = acmeOrg.roles[0]!.id;
const AUDITOR_ROLE = acmeOrg.roles[2]!.id;
const HOME = acmeOrg.divisions[0]!.id;

describe("OAuth client endpoints", () => {
  let sandbox: RunningGenesysSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  beforeEach(() => resetSandbox(sandbox));
  afterAll(() => sandbox.close());

  it("lists the org's clients without secrets", async () => {
    const clients = await clientFor(sandbox).listOAuthClients();
    expect(clients.map((c) => c.name)).toEqual(["Hybrid Provisioner bootstrap", "Read-only auditor"]);
    expect(clients.every((c) => c.secret === undefined)).toBe(true);
    expect(clients[0]).toMatchObject({
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleDivisions: [{ roleId: ADMIN_ROLE, divisionId: HOME }],
      selfUri: `/api/v2/oauth/clients/${ACME.clientId}`,
    });
  });

  it("creates a client whose secret is returned once, reads, updates, regenerates and deletes it", async () => {
    const gc = clientFor(sandbox);
    const created = await gc.createOAuthClient({
      name: "GAX backend",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      accessTokenValiditySeconds: 3600,
      roleDivisions: [{ roleId: ADMIN_ROLE, divisionId: HOME }],
    });
    expect(created).toMatchObject({
      name: "GAX backend",
      accessTokenValiditySeconds: 3600,
      state: "active",
      roleIds: [ADMIN_ROLE],
      secret: expect.any(String),
    });
    const read = await gc.getOAuthClient(created.id);
    expect(read.secret).toBeUndefined();
    expect(read.createdBy?.id).toBe(ACME.clientId);

    const updated = await gc.updateOAuthClient(created.id, {
      name: "GAX backend (renamed)",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleDivisions: [{ roleId: ADMIN_ROLE, divisionId: HOME }],
      state: "disabled",
    });
    expect(updated).toMatchObject({
      name: "GAX backend (renamed)",
      state: "disabled",
      accessTokenValiditySeconds: 86400,
    });
    expect(updated.secret).toBeUndefined();

    const regenerated = await gc.regenerateOAuthClientSecret(created.id);
    expect(regenerated.secret).not.toBe(created.secret);

    await gc.deleteOAuthClient(created.id);
    expect(await failureOf(gc.getOAuthClient(created.id))).toMatchObject({ status: 404, code: "not.found" });
  });

  it("keeps scope for user-facing grant types and drops roles from them", async () => {
    const created = await clientFor(sandbox).createOAuthClient({
      name: "Implicit",
      authorizedGrantType: "TOKEN",
      scope: ["users:readonly"],
      registeredRedirectUri: ["https://gax.example.test/cb"],
    });
    expect(created).toMatchObject({
      scope: ["users:readonly"],
      roleDivisions: [],
      registeredRedirectUri: ["https://gax.example.test/cb"],
    });
  });

  it("refuses token lifetimes outside 300..172800 naming the field", async () => {
    const error = await failureOf(
      clientFor(sandbox).createOAuthClient({
        name: "x",
        authorizedGrantType: "TOKEN",
        accessTokenValiditySeconds: 100,
      }),
    );
    expect(error).toMatchObject({
      status: 400,
      code: "invalid.value",
      messageParams: { field: "accessTokenValiditySeconds" },
    });
    expect(error.message).toMatch(/accessTokenValiditySeconds.*from 300 to 172800/);
  });

  it("answers bad.grant.type, grant.type.required and missing.client.roles", async () => {
    const gc = clientFor(sandbox);
    expect(
      await failureOf(gc.createOAuthClient({ name: "x", authorizedGrantType: "IMPLICIT" as never })),
    ).toMatchObject({ status: 400, code: "bad.grant.type" });
    expect(await failureOf(gc.createOAuthClient({ name: "x" } as never))).toMatchObject({
      status: 400,
      code: "grant.type.required",
    });
    const noRoles = await failureOf(gc.createOAuthClient({ name: "x", authorizedGrantType: "CLIENT-CREDENTIALS" }));
    expect(noRoles).toMatchObject({ code: "missing.client.roles" });
    expect(await failureOf(gc.createOAuthClient({ name: "", authorizedGrantType: "TOKEN" }))).toMatchObject({
      code: "invalid.value",
      messageParams: { field: "name" },
    });
  });

  it("only lets a caller grant roles it holds", async () => {
    const error = await failureOf(
      clientFor(sandbox).createOAuthClient({
        name: "x",
        authorizedGrantType: "CLIENT-CREDENTIALS",
        roleDivisions: [{ roleId: AUDITOR_ROLE, divisionId: HOME }],
      }),
    );
    expect(error).toMatchObject({ status: 403, code: "not.authorized" });
    expect(error.operatorMessage).toMatch(/cannot grant the role Read-only auditor/);
  });

  it("maps missing.permissions to the permission the client lacks", async () => {
    const error = await failureOf(
      auditorClient(sandbox).createOAuthClient({ name: "x", authorizedGrantType: "TOKEN" }),
    );
    expect(error).toMatchObject({ status: 403, code: "missing.permissions", retryable: false });
    expect(error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.operatorMessage).toMatch(/lacks the permission\(s\) \[oauth:client:add\]/);
    expect(await auditorClient(sandbox).listOAuthClients()).toHaveLength(2);
  });

  it("answers auth.too.many.clients when the org's client limit is reached", async () => {
    const seed = structuredClone(defaultGenesysSeed);
    seed.orgs[0]!.maxOAuthClients = 2;
    const small = await startSandbox({ seed });
    try {
      const error = await failureOf(
        clientFor(small).createOAuthClient({ name: "third", authorizedGrantType: "TOKEN" }),
      );
      expect(error).toMatchObject({ status: 400, code: "auth.too.many.clients" });
      expect(error.operatorMessage).toMatch(/reached its limit of OAuth clients/);
    } finally {
      await small.close();
    }
  });
});
