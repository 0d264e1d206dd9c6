import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "@/test/support/until";
import { AppError } from "@/lib/errors";
import { sameCertificate } from "@/lib/genesys-cloud";
import { certificateDetails } from "@/lib/saml/details";
import { generateKeyMaterial } from "@/lib/saml/generate";
import { keyMatchesCertificate } from "@/lib/saml/private-key";
import { applyTenant, completeStepManually, verifyTenant } from "../engine/engine";
import { startProvisioningKit, type ProvisioningKit } from "../test-support";
import { loadCertificatePage } from "@/lib/tenants/certificate-page";
import { rotateCertificate } from "./rotate";
import {
  expectRotatedTo,
  keyMaterial,
  providerCertificates,
  provisionedKit,
  transactionKey,
} from "./rotation-test-support";
import { IDENTITY_PROVIDER, SAML_KEY_MATERIAL } from "../model/step-keys";
import { stopAllLeaseHeartbeats } from "../engine/lease-heartbeat";

let kit: ProvisioningKit;
beforeAll(async () => {
  kit = await provisionedKit();
}, 180_000);
afterAll(() => kit.close());

const setFaults = (body: unknown) =>
  fetch(`${kit.genesys.url}/__sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("certificate rotation recovery", { timeout: 180_000 }, () => {
  it("a failing smoke test leaves both certificates, the old key current, and a failed rotation that resumes to the end", async () => {
    const before = await keyMaterial(kit);
    await setFaults({ path: "/api/v2/journey/actionmaps", method: "GET", errorRate: 1, errorStatuses: [503] });
    const failed = await rotateCertificate(kit.tenant.id, kit.engine);
    await setFaults({ rules: [] });
    expect(failed).toMatchObject({ status: "failed", stage: "smoke-test" });
    expect(failed.error!.message).toMatch(
      /Both certificates stay on the identity provider .* rotate again: the rotation resumes at the smoke test/,
    );
    const rotation = await kit.db.certificateRotation.findUniqueOrThrow({ where: { id: failed.rotationId } });
    expect(rotation).toMatchObject({ status: "failed", stage: "smoke-test", operatorMessage: failed.error!.message });
    expect((rotation.stages as Record<string, { status: string }>)["smoke-test"]).toMatchObject({ status: "failed" });

    const trusted = await providerCertificates(kit);
    const current = await keyMaterial(kit);
    expect(current.sha256Fingerprint).toBe(before.sha256Fingerprint);
    expect(trusted).toHaveLength(2);
    expect(sameCertificate(trusted[0]!, before.certificatePem)).toBe(true);
    expect(sameCertificate(trusted[1]!, current.next!.certificatePem)).toBe(true);
    // The identity provider step knows about the rotation under way: both certificates are what it expects.
    const verify = await verifyTenant(kit.tenant.id, kit.engine, IDENTITY_PROVIDER);
    expect(verify.steps[0]!.verification).toEqual({ status: "ok", differences: [] });

    const page = await loadCertificatePage(kit.db, kit.tenant.id);
    expect(page!.certificate).toMatchObject({
      sha256Fingerprint: before.sha256Fingerprint,
      expired: false,
      expiringSoon: false,
    });
    expect(page!.rotations[0]).toMatchObject({
      id: failed.rotationId,
      status: "failed",
      operatorMessage: failed.error!.message,
    });
    expect(page!.rotations[0]!.stages.map((stage) => stage.status)).toEqual([
      "succeeded",
      "succeeded",
      "succeeded",
      "failed",
      "pending",
    ]);
    expect(JSON.stringify(page)).not.toMatch(/PRIVATE KEY/);

    const resumed = await rotateCertificate(kit.tenant.id, kit.engine);
    expect(resumed).toMatchObject({
      status: "succeeded",
      resumed: true,
      rotationId: failed.rotationId,
      newFingerprint: failed.newFingerprint,
    });
    await expectRotatedTo(kit, (await keyMaterial(kit)).certificatePem);
  });

  it("an apply while a rotation waits keeps both certificates, and resuming puts the new key back into the transaction object", async () => {
    const failed = await rotateCertificate(kit.tenant.id, {
      ...kit.engine,
      rotationHooks: {
        afterStageWork: (stage) => {
          if (stage === "update-transaction-object") throw new AppError("unavailable", "GAX went away.");
        },
      },
    });
    expect(failed).toMatchObject({
      status: "failed",
      stage: "update-transaction-object",
      error: { code: "unavailable" },
    });
    const next = (await keyMaterial(kit)).next!;
    expect(keyMatchesCertificate((await transactionKey(kit)).key, next.certificatePem)).toBe(true);

    // Apply puts the current key back into hybrid_integration but leaves the new certificate on the provider.
    expect((await applyTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");
    expect(await providerCertificates(kit)).toHaveLength(2);
    expect(keyMatchesCertificate((await transactionKey(kit)).key, next.certificatePem)).toBe(false);

    const resumed = await rotateCertificate(kit.tenant.id, kit.engine);
    expect(resumed).toMatchObject({ status: "succeeded", resumed: true, newFingerprint: next.sha256Fingerprint });
    const repaired = resumed.stages.find((entry) => entry.stage === "update-transaction-object")!;
    expect(repaired.changes.join(" ")).toMatch(/updated hybrid_integration/);
    await expectRotatedTo(kit, next.certificatePem);
  });

  it("holds the tenant's run lease: no apply meanwhile; a rotation whose process died is taken over once its lease passed", async () => {
    let reached!: () => void;
    const stuck = new Promise<void>((resolve) => (reached = resolve));
    // The process "dies" after the transaction object was written: the hook never returns...
    void rotateCertificate(kit.tenant.id, {
      ...kit.engine,
      leaseMs: 1_000,
      rotationHooks: {
        afterStageWork: (stage) =>
          stage === "update-transaction-object" ? (reached(), new Promise<never>(() => undefined)) : undefined,
      },
    });
    await stuck;
    // ...and with it the timer that renews its lease.
    await stopAllLeaseHeartbeats();
    await expect(applyTenant(kit.tenant.id, kit.engine)).rejects.toThrow(/Another apply run of .* is in progress/);
    await expect(rotateCertificate(kit.tenant.id, kit.engine)).rejects.toMatchObject({ code: "conflict" });

    expect((await loadCertificatePage(kit.db, kit.tenant.id))!.rotating).toBe(true);
    const run = await kit.db.run.findFirstOrThrow({ where: { tenantId: kit.tenant.id, status: "running" } });
    await until(async () => (Date.now() > run.leaseExpiresAt.getTime() ? true : undefined), {
      timeoutMs: 10_000,
      what: "the lease to pass",
    });
    const stopped = (await loadCertificatePage(kit.db, kit.tenant.id))!;
    expect(stopped.rotating).toBe(false);
    expect(stopped.rotations[0]).toMatchObject({
      status: "failed",
      operatorMessage: "The process running this rotation stopped. Rotate again to resume it.",
    });
    const resumed = await rotateCertificate(kit.tenant.id, kit.engine);
    expect(resumed).toMatchObject({ status: "succeeded", resumed: true });
    expect((await kit.db.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("abandoned");
    await expectRotatedTo(kit, (await keyMaterial(kit)).certificatePem);
  });

  it("a rotation superseded by new key material (manual import) is closed and a new one starts from the imported key", async () => {
    const failed = await rotateCertificate(kit.tenant.id, {
      ...kit.engine,
      rotationHooks: {
        afterStageWork: (stage) => {
          if (stage === "add-certificate") throw new Error("stop");
        },
      },
    });
    expect(failed.status).toBe("failed");
    const imported = await generateKeyMaterial({});
    expect(
      (
        await completeStepManually(
          {
            tenantId: kit.tenant.id,
            stepKey: SAML_KEY_MATERIAL,
            values: { certificate: imported.certificatePem, key: imported.privateKeyPem },
          },
          kit.engine,
        )
      ).status,
    ).toBe("succeeded");
    expect((await applyTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");

    const fresh = await rotateCertificate(kit.tenant.id, kit.engine);
    expect(fresh).toMatchObject({ status: "succeeded", resumed: false });
    expect(fresh.rotationId).not.toBe(failed.rotationId);
    expect(await kit.db.certificateRotation.findUniqueOrThrow({ where: { id: failed.rotationId } })).toMatchObject({
      status: "superseded",
      errorCode: "superseded",
    });
    expect(fresh.oldFingerprint).toBe(certificateDetails(imported.certificatePem).sha256Fingerprint);
    await expectRotatedTo(kit, (await keyMaterial(kit)).certificatePem);
  });

  it("refuses a tenant that has not been applied, saying what to do", async () => {
    const fresh = await startProvisioningKit();
    try {
      await expect(rotateCertificate(fresh.tenant.id, fresh.engine)).rejects.toThrow(
        "This tenant has no SAML key material yet: apply the tenant first, then rotate its certificate.",
      );
      expect(await fresh.db.run.count({ where: { tenantId: fresh.tenant.id } })).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});
