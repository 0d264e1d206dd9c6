import { randomBytes, randomUUID } from "node:crypto";
import { rejectionOf } from "@/test/support/rejection";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { openSecret } from "@/lib/secrets/store";
import { testDb } from "@/test/support/db";
import { createDeployment, type DeploymentInput } from "./deployments";
import { BOOTSTRAP_SECRET, gaxPasswordRef, tenantSecretRef } from "../model/secret-refs";
import { createTenant, type TenantInput } from "./tenants";
import { SERVICES } from "../model/services";
import { loadTenantView } from "../model/tenant-view";
import { testAudit } from "../test-support";

const db = testDb();
const deploymentInput = (overrides: Partial<DeploymentInput> = {}): DeploymentInput => ({
  name: `dep-${randomBytes(4).toString("hex")}`,
  layout: "multi-tenant",
  gaxBaseUrl: "http://gax.example:8080",
  gaxUsername: "provisioner",
  gaxPassword: "gax-password-123",
  ...overrides,
});
const failureOf = (promise: Promise<unknown>) => rejectionOf(promise, AppError);

describe("deployments", () => {
  it("seal the GAX password (never a column, never in the audit log)", async () => {
    const deployment = await createDeployment(db, testAudit, deploymentInput());
    expect(deployment).toMatchObject({ annexSection: "general", gaxPasswordEncrypted: false, notes: "" });
    expect(JSON.stringify(deployment)).not.toContain("gax-password-123");
    expect(await openSecret(db, gaxPasswordRef(deployment.id))).toBe("gax-password-123");
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "deployment.create", targetId: deployment.id },
    });
    expect(JSON.stringify(event.details)).not.toContain("gax-password-123");
  });

  it("refuse bad input naming each field, and a second deployment with the same name", async () => {
    const bad = await failureOf(
      createDeployment(
        db,
        testAudit,
        deploymentInput({ gaxBaseUrl: "ftp://x", layout: "both" as never, gaxPassword: "" }),
      ),
    );
    expect(bad.code).toBe("invalid_input");
    expect(Object.keys(bad.fieldErrors!).sort()).toEqual(["gaxBaseUrl", "gaxPassword", "layout"]);
    for (const gaxBaseUrl of ["", "not a url"]) {
      expect(
        (await failureOf(createDeployment(db, testAudit, deploymentInput({ gaxBaseUrl })))).fieldErrors,
      ).toHaveProperty("gaxBaseUrl");
    }
    const input = deploymentInput();
    await createDeployment(db, testAudit, input);
    expect(await failureOf(createDeployment(db, testAudit, input))).toMatchObject({
      code: "conflict",
      fieldErrors: { name: ["is already used by another deployment"] },
    });
  });
});

describe("registration input", () => {
  it("is refused, naming the field and the rule, when a name holds a NUL byte or is far too long, or a URL is 5 KB", async () => {
    const nul = await failureOf(createDeployment(db, testAudit, deploymentInput({ name: "dep\u0000name" })));
    expect(nul).toMatchObject({
      code: "invalid_input",
      fieldErrors: { name: ["must not contain control characters or line breaks"] },
    });
    const longUrl = await failureOf(
      createDeployment(db, testAudit, deploymentInput({ gaxBaseUrl: `http://gax.example/${"x".repeat(5_000)}` })),
    );
    expect(longUrl.fieldErrors).toEqual({ gaxBaseUrl: ["must be at most 2048 characters"] });
    const deployment = await createDeployment(db, testAudit, deploymentInput());
    const longName = await failureOf(
      createTenant(db, testAudit, {
        deploymentId: deployment.id,
        cfgTenantName: "t".repeat(10_000),
        region: "eu-central-1",
        bootstrapClientId: "id",
        bootstrapClientSecret: "secret",
      }),
    );
    expect(longName.fieldErrors).toEqual({ cfgTenantName: ["must be at most 255 characters"] });
    expect(await db.tenant.count({ where: { deploymentId: deployment.id } })).toBe(0);
  });
});

describe("tenants", () => {
  const tenantInput = (deploymentId: string, overrides: Partial<TenantInput> = {}): TenantInput => ({
    deploymentId,
    cfgTenantName: "Acme",
    region: "eu-central-1",
    bootstrapClientId: randomUUID(),
    bootstrapClientSecret: "bootstrap-secret-123",
    ...overrides,
  });

  it("seal the bootstrap secret and fill in the settings defaults from the region", async () => {
    const deployment = await createDeployment(db, testAudit, deploymentInput());
    const tenant = await createTenant(db, testAudit, tenantInput(deployment.id));
    expect(await openSecret(db, tenantSecretRef(tenant.id, BOOTSTRAP_SECRET))).toBe("bootstrap-secret-123");
    const view = await loadTenantView(db, tenant.id);
    expect(view).toMatchObject({
      regionDomain: "mypurecloud.de",
      target: { region: "eu-central-1" },
      services: ["predictive-engagement"],
    });
    expect(view.settings).toMatchObject({
      tokenLifetimeSeconds: 86_400,
      redirectUri: "https://apps.mypurecloud.de",
      ssoTargetUri: "https://apps.mypurecloud.de",
      issuerUri: "https://www.genesys.com/pureengage",
      expireTimeHours: 24,
      domainSuffix: "com",
      ewtClient: "separate",
      adminUsers: [],
    });
  });

  it("need a region or both base URLs, valid settings, and a tenant name that fits the layout", async () => {
    const multi = await createDeployment(db, testAudit, deploymentInput());
    const noTarget = await failureOf(createTenant(db, testAudit, tenantInput(multi.id, { region: undefined })));
    expect(noTarget.fieldErrors).toEqual({ region: ["is required unless the login and API base URLs are given"] });
    const halfTarget = await failureOf(
      createTenant(
        db,
        testAudit,
        tenantInput(multi.id, {
          region: undefined,
          loginBaseUrl: "https://login.example.test",
          settings: { redirectUri: "https://apps.example.test" },
        }),
      ),
    );
    expect(halfTarget.fieldErrors).toEqual({ apiBaseUrl: ["must be given together with the other base URL"] });
    expect(
      (await failureOf(createTenant(db, testAudit, tenantInput(multi.id, { region: "mars-1" })))).fieldErrors!
        .region![0],
    ).toMatch(/must be a Genesys Cloud region id/);
    const badSettings = await failureOf(
      createTenant(
        db,
        testAudit,
        tenantInput(multi.id, { settings: { tokenLifetimeSeconds: 10, ewtClient: "both" as never } }),
      ),
    );
    expect(badSettings.fieldErrors).toEqual({
      "settings.tokenLifetimeSeconds": ["must be from 300 to 172800 seconds"],
      "settings.ewtClient": ["must be separate or shared"],
    });
    expect(
      (await failureOf(createTenant(db, testAudit, tenantInput(multi.id, { cfgTenantName: "Environment" }))))
        .fieldErrors,
    ).toHaveProperty("cfgTenantName");
    const unknownService = await failureOf(
      createTenant(db, testAudit, tenantInput(multi.id, { services: ["agent-pacing", "fax"] })),
    );
    expect(unknownService.fieldErrors).toEqual({
      services: [`must list only services from: ${SERVICES.map((service) => service.key).join(", ")}`],
    });
    const both = await createTenant(
      db,
      testAudit,
      tenantInput(multi.id, { cfgTenantName: "Both", services: ["agent-pacing", "predictive-engagement"] }),
    );
    expect((await loadTenantView(db, both.id)).services).toEqual(["predictive-engagement", "agent-pacing"]);
    const twice = await failureOf(
      createTenant(db, testAudit, tenantInput(multi.id, { services: ["agent-pacing", "agent-pacing"] })),
    );
    expect(twice.fieldErrors).toEqual({ services: ["must not list a service twice"] });

    const environmentInput = deploymentInput({ layout: "single-tenant", objectTenant: "Environment" });
    const single = await createDeployment(db, testAudit, environmentInput);
    expect(
      (await failureOf(createTenant(db, testAudit, tenantInput(single.id, { cfgTenantName: "Acme" })))).fieldErrors,
    ).toHaveProperty("cfgTenantName");
    const environment = await createTenant(db, testAudit, tenantInput(single.id, { cfgTenantName: undefined }));
    expect(environment.cfgTenantName).toBe("Environment");
    expect(
      (await failureOf(createTenant(db, testAudit, tenantInput(single.id, { cfgTenantName: undefined })))).code,
    ).toBe("conflict");
  });

  it("in a single-tenant deployment take the name of the tenant that holds the object", async () => {
    const resourcesInput = deploymentInput({ layout: "single-tenant", objectTenant: "Resources" });
    const resources = await createDeployment(db, testAudit, resourcesInput);
    const wrongName = tenantInput(resources.id, { cfgTenantName: "Environment" });
    const wrong = await failureOf(createTenant(db, testAudit, wrongName));
    const rule = "must be Resources (or left empty) in this single-tenant deployment";
    expect(wrong).toMatchObject({ code: "invalid_input", fieldErrors: { cfgTenantName: [rule] } });
    const tenant = await createTenant(db, testAudit, tenantInput(resources.id, { cfgTenantName: undefined }));
    expect(tenant.cfgTenantName).toBe("Resources");
    const view = await loadTenantView(db, tenant.id);
    expect(view.deployment.objectTenant).toEqual({ name: "Resources", source: "chosen" });

    const undetected = await createDeployment(db, testAudit, deploymentInput({ layout: "single-tenant" }));
    expect(undetected.objectTenant).toBe("detect");
    const unnamed = tenantInput(undetected.id, { cfgTenantName: undefined });
    const unknown = await failureOf(createTenant(db, testAudit, unnamed));
    expect(unknown.code).toBe("precondition_failed");
    expect(unknown.message).toBe(
      `Deployment "${undetected.name}" does not know which tenant holds hybrid_integration: it has not been ` +
        "detected yet. Detect it on the Deployments page, or choose Environment or Resources there.",
    );
  });

  it("refuse an object tenant setting on a multi-tenant deployment, and an unknown one", async () => {
    const refused = await failureOf(createDeployment(db, testAudit, deploymentInput({ objectTenant: "Resources" })));
    const rule = "applies only to a single-tenant deployment (a multi-tenant one keeps an object in each tenant)";
    expect(refused.fieldErrors).toEqual({ objectTenant: [rule] });
    const unknown = deploymentInput({ layout: "single-tenant", objectTenant: "Acme" as never });
    const unknownChoice = await failureOf(createDeployment(db, testAudit, unknown));
    expect(unknownChoice.fieldErrors).toEqual({ objectTenant: ["must be detect, Environment, Resources"] });
  });

  it("with explicit base URLs and no region are refused without the apps URLs, naming them; with them they run", async () => {
    const deployment = await createDeployment(db, testAudit, deploymentInput());
    const noRegion = { region: undefined, loginBaseUrl: "http://127.0.0.1:1", apiBaseUrl: "http://127.0.0.1:1" };
    const refused = await failureOf(createTenant(db, testAudit, tenantInput(deployment.id, noRegion)));
    const rule =
      "is required when the tenant has no Genesys Cloud region and its login base URL is not https://login.<domain>";
    expect(refused).toMatchObject({
      code: "invalid_input",
      fieldErrors: { "settings.redirectUri": [rule], "settings.ssoTargetUri": [rule] },
    });
    expect(refused.message).toContain("Redirect URI is required");
    expect(await db.tenant.count({ where: { deploymentId: deployment.id } })).toBe(0);

    const settings = { redirectUri: "https://apps.example.test", ssoTargetUri: "https://apps.example.test/sso" };
    const tenant = await createTenant(db, testAudit, tenantInput(deployment.id, { ...noRegion, settings }));
    expect((await loadTenantView(db, tenant.id)).settings).toMatchObject(settings);
  });

  it("report every problem at once: the fields, the name the deployment requires, and the settings", async () => {
    const deployment = await createDeployment(db, testAudit, deploymentInput());
    const refused = await failureOf(
      createTenant(db, testAudit, {
        deploymentId: deployment.id,
        loginBaseUrl: "http://127.0.0.1:1",
        apiBaseUrl: "http://127.0.0.1:1",
        bootstrapClientId: "",
      } as TenantInput),
    );
    expect(Object.keys(refused.fieldErrors!).sort()).toEqual([
      "bootstrapClientId",
      "bootstrapClientSecret",
      "cfgTenantName",
      "settings.redirectUri",
      "settings.ssoTargetUri",
    ]);
    expect(refused.fieldErrors!.bootstrapClientSecret).toEqual(["is required"]);
    expect(refused.message).not.toMatch(/cfgTenantName|bootstrapClientId|expected string/);
  });
});
