import { afterEach, describe, expect, it } from "vitest";
import { rejectionOf } from "@/test/support/rejection";
import { defaultGaxSeed, SANDBOX_ADMIN, SANDBOX_AGENT_WITHOUT_ACCESS } from "@/sandbox/gax/default-seed";
import { obscureGaxPassword } from "@/sandbox/gax/obscure-password";
import { desiredHybridIntegration } from "./desired-object";
import { ConfigServerError } from "./errors";
import { createGaxBridge } from "./gax-bridge";
import { sampleInput, startBridgeKit } from "./test-fixtures";

let kit: Awaited<ReturnType<typeof startBridgeKit>> | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

const desired = desiredHybridIntegration(sampleInput());
const gaxApplication = { type: "CfgApplication" as const, tenant: "Environment", name: "GAX" };

function seedWith(change: (multi: (typeof defaultGaxSeed.deployments)[number]) => void) {
  const seed = structuredClone(defaultGaxSeed);
  change(seed.deployments[0]!);
  return seed;
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, ConfigServerError);

describe("GAX bridge: clear errors", () => {
  it("names the transaction that already holds the alias", async () => {
    kit = await startBridgeKit({
      seed: seedWith(
        (multi) => (multi.transactions = [{ tenant: "Acme", name: "legacy_cloud", alias: "hybrid_integration" }]),
      ),
    });
    const error = await failure(kit.bridge().applyHybridIntegration("Acme", desired));
    expect(error.code).toBe("alias-taken");
    expect(error.message).toMatch(
      /alias "hybrid_integration" is already used by transaction "legacy_cloud" \(DBID \d+\)/,
    );
    expect(await kit.control.objects("multi", "CfgTransaction")).toHaveLength(1);
  });

  it("says which tenant lacks its Transactions folder, and never falls back to another folder", async () => {
    kit = await startBridgeKit({
      seed: seedWith(
        (multi) => (multi.tenants[1] = { name: "Acme", folders: [{ name: "Persons", holds: "CfgPerson" }] }),
      ),
    });
    const bridge = kit.bridge();
    const error = await failure(bridge.applyHybridIntegration("Acme", desired));
    expect(error.code).toBe("transactions-folder-missing");
    expect(error.message).toMatch(/Tenant "Acme" has no transactions folder named "Transactions"/);
    await expect(bridge.planHybridIntegration("Acme", desired)).rejects.toThrow(/no transactions folder/);
    expect(await kit.control.objectWrites()).toEqual([]);
  });

  it("looks the folder up by the configured name", async () => {
    kit = await startBridgeKit({
      seed: seedWith(
        (multi) => (multi.tenants[1] = { name: "Acme", folders: [{ name: "Transaktionen", holds: "CfgTransaction" }] }),
      ),
      settings: { transactionsFolderName: "Transaktionen" },
    });
    const result = await kit.bridge().applyHybridIntegration("Acme", desired);
    expect(result.plan.folder?.name).toBe("Transaktionen");
  });

  it("says so when the object exists but the GAX user may not read it", async () => {
    kit = await startBridgeKit({
      seed: seedWith((multi) => {
        multi.transactions = [{ tenant: "Acme", name: "hybrid_integration", alias: "hybrid_integration" }];
        multi.persons!.push({ username: "acme.provisioner", password: "prov-pass", tenant: "Acme" });
        multi.acl!.push(
          { on: { type: "CfgTenant", tenant: "Acme" }, account: { person: "acme.provisioner" }, mask: 1 | 2 | 4 },
          // It may sign in to GAX: Read and Execute on the GAX application.
          { on: gaxApplication, account: { person: "acme.provisioner" }, mask: 9 },
          {
            on: { type: "CfgTransaction", tenant: "Acme", name: "hybrid_integration" },
            account: { person: "acme.provisioner" },
            mask: 0,
          },
        );
      }),
    });
    const error = await failure(
      kit.bridge({ username: "acme.provisioner", password: "prov-pass" }).applyHybridIntegration("Acme", desired),
    );
    expect(error.code).toBe("not-readable");
    expect(error.message).toMatch(
      /already has a transaction with this name or alias that GAX user "acme.provisioner" may not read/,
    );
  });

  it("gives up on a GAX that does not answer in time", async () => {
    kit = await startBridgeKit({ faults: { latencyMs: 400 } });
    const started = performance.now();
    await expect(kit.bridge({ timeoutMs: 50 }).signIn()).rejects.toThrow(
      /No answer from GAX to POST \/multi\/gax\/api\/session\/login: .*timeout/i,
    );
    expect(performance.now() - started).toBeLessThan(400);
  });

  it("accepts a base URL that already ends in /gax/api", async () => {
    kit = await startBridgeKit();
    expect(await kit.bridge({ baseUrl: `${kit.baseUrl}/gax/api/` }).signIn()).toMatchObject({
      username: SANDBOX_ADMIN.username,
    });
  });

  it("reports an unknown tenant", async () => {
    kit = await startBridgeKit();
    const bridge = kit.bridge();
    expect(await bridge.findTenant("Umbrella")).toBeNull();
    const error = await failure(bridge.applyHybridIntegration("Umbrella", desired));
    expect(error.code).toBe("tenant-not-found");
    expect(error.message).toMatch(/Tenant "Umbrella" was not found/);
  });

  it("explains a refused sign-in without repeating the password", async () => {
    kit = await startBridgeKit();
    const error = await failure(kit.bridge({ password: "wrong-secret-value" }).signIn());
    expect(error.code).toBe("sign-in-failed");
    expect(error.message).toMatch(/GAX refused the sign-in of user "gax-admin" \(401/);
    expect(error.message).not.toContain("wrong-secret-value");
  });

  it("tells a sign-in refused for lack of rights from a wrong password, and says what to grant", async () => {
    kit = await startBridgeKit();
    const { username, password } = SANDBOX_AGENT_WITHOUT_ACCESS;
    const error = await failure(kit.bridge({ username, password }).signIn());
    expect(error.code).toBe("sign-in-not-permitted");
    expect(error.message).toMatch(/^GAX refused the sign-in of user "acme.noaccess" \(403: [^)]+\)\. /);
    expect(error.message).toMatch(
      /GAX admits only users with Read and Execute on GAX's application object and Read on their own Person: grant/,
    );
  });

  it("signs in with a pre-obscured password where GAX accepts only encrypted passwords", async () => {
    kit = await startBridgeKit({ seed: seedWith((multi) => (multi.passwordMode = "encrypted-only")) });
    await expect(kit.bridge().signIn()).rejects.toThrow(/accepts only encrypted passwords/);
    const bridge = kit.bridge({ password: obscureGaxPassword(SANDBOX_ADMIN.password), passwordIsEncrypted: true });
    expect(await bridge.signIn()).toMatchObject({ username: SANDBOX_ADMIN.username });
    expect((await bridge.applyHybridIntegration("Acme", desired)).action).toBe("created");
  });

  it("validates its settings, naming the field and keeping the password out of the message", () => {
    expect(() => createGaxBridge({ baseUrl: "ftp://gax", username: "u", password: "p4ss" })).toThrow(
      /baseUrl must be an http\(s\) URL/,
    );
    expect(() => createGaxBridge({ baseUrl: "http://u:p4ss@gax:8080", username: "u", password: "p4ss" })).toThrow(
      /baseUrl must not contain credentials/,
    );
    expect(() => createGaxBridge({ baseUrl: "http://gax:8080", username: "", password: "p4ss" })).toThrow(
      /username is required/,
    );
    expect(() =>
      createGaxBridge({ baseUrl: "http://gax:8080", username: "u", password: "p4ss", annexSection: " " }),
    ).toThrow(/^(?!.*p4ss).*annexSection must not be empty/);
  });
});
