import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodingsOf } from "@/lib/audit/redact";
import { sameCertificate } from "@/lib/genesys-cloud";
import { readPrivateKey, keyMatchesCertificate } from "@/lib/saml/private-key";
import { openSecret } from "@/lib/secrets/store";
import { applyTenant, type RunReport } from "./engine";
import { markerOf } from "../model/markers";
import { tenantSecretRef } from "../model/secret-refs";
import { DEFAULT_EMPLOYEE_PERMISSIONS } from "../model/services";
import { DEFAULT_ISSUER_URI } from "../model/settings";
import { SAML_SECRETS } from "../steps/saml-key-material";
import {
  applicableStepCount,
  optionOf,
  startProvisioningKit,
  withoutUnusedServiceSteps,
  type ProvisioningKit,
} from "../test-support";
import {
  ADMIN_USERS,
  CLIENT_CREDENTIALS_CLIENT,
  CONNECT_ORG,
  EMPLOYEE_ROLE,
  EWT_CLIENT,
  IDENTITY_PROVIDER,
  NETWORK_ALLOW_LIST,
  SAML2_BEARER_CLIENT,
  SAML_KEY_MATERIAL,
  SMOKE_TEST,
  TENANT_ISOLATION,
  TRANSACTION_OBJECT,
} from "../model/step-keys";

let kit: ProvisioningKit;
let first: RunReport;

beforeAll(async () => {
  kit = await startProvisioningKit({
    settings: {
      adminUsers: [
        { name: "Second Admin", email: "second.admin@acme-eu.example.com" },
        { name: "Alex Agent", email: "alex.agent@acme-eu.example.com" },
        { name: "Org Administrator", email: "admin@acme-eu.example.com" },
      ],
    },
  });
  first = await applyTenant(kit.tenant.id, kit.engine);
});
afterAll(() => kit.close());

/** The run's steps, without those of services the tenant does not use (checked to be skipped). */
const ownSteps = (report: RunReport) => withoutUnusedServiceSteps(report.steps, kit.tenant.services);
const secret = (purpose: string) => openSecret(kit.db, tenantSecretRef(kit.tenant.id, purpose));

describe("a full apply of a fresh tenant", () => {
  it("runs every step in catalogue order and ends with a green smoke test", () => {
    expect(ownSteps(first).map((step) => [step.stepKey, step.status, step.result ?? step.error])).toEqual([
      [CONNECT_ORG, "succeeded", "created"],
      [CLIENT_CREDENTIALS_CLIENT, "succeeded", "created"],
      [EWT_CLIENT, "succeeded", "created"],
      [SAML2_BEARER_CLIENT, "succeeded", "created"],
      [SAML_KEY_MATERIAL, "succeeded", "created"],
      [IDENTITY_PROVIDER, "succeeded", "created"],
      [EMPLOYEE_ROLE, "succeeded", "updated"],
      [ADMIN_USERS, "succeeded", "updated"],
      [TRANSACTION_OBJECT, "succeeded", "created"],
      [TENANT_ISOLATION, "succeeded", "checked"],
      [NETWORK_ALLOW_LIST, "succeeded", "created"],
      [SMOKE_TEST, "succeeded", "checked"],
    ]);
    expect(first.status).toBe("succeeded");
  });

  it("records the org on the tenant and every step as done", async () => {
    const tenant = await kit.db.tenant.findUniqueOrThrow({ where: { id: kit.tenant.id } });
    expect({ orgId: tenant.orgId, orgShortName: tenant.orgShortName, orgName: tenant.orgName }).toEqual({
      orgId: kit.orgId,
      orgShortName: "acme-eu",
      orgName: "Acme Europe",
    });
    const states = await kit.db.stepState.findMany({ where: { tenantId: kit.tenant.id } });
    expect(states).toHaveLength(await applicableStepCount(kit.db, kit.tenant.id));
    expect(states.every((state) => state.status === "done" && state.lastAppliedAt !== null)).toBe(true);
  });

  it("creates the three OAuth clients once, with their grant types, roles, lifetimes and markers", async () => {
    const org = await kit.genesysOrg();
    const admin = org.roles.find((role) => role.defaultRoleId === "admin")!;
    const home = org.divisions.find((division) => division.homeDivision)!;
    const byName = (name: string) => org.oauthClients.filter((client) => client.name === name);
    for (const [name, key] of [
      ["PureEngage Client Credentials", CLIENT_CREDENTIALS_CLIENT],
      ["PureEngage Agent Pacing Service", EWT_CLIENT],
    ] as const) {
      expect(byName(name)).toHaveLength(1);
      expect(byName(name)[0]).toMatchObject({
        authorizedGrantType: "CLIENT-CREDENTIALS",
        accessTokenValiditySeconds: 86_400,
        roleDivisions: [{ roleId: admin.id, divisionId: home.id }],
        state: "active",
        description: expect.stringContaining(markerOf(key)),
      });
    }
    const saml = byName("Genesys Multicloud CX SAML2 Bearer");
    expect(saml).toHaveLength(1);
    expect(saml[0]).toMatchObject({
      authorizedGrantType: "SAML2-BEARER",
      registeredRedirectUri: ["https://apps.mypurecloud.ie"],
      scope: ["journey"],
      roleDivisions: [],
    });
    expect(org.oauthClients).toHaveLength(5);
  });

  it("stores each client secret sealed, and Genesys Cloud accepts the client-credentials ones", async () => {
    const states = await kit.db.stepState.findMany({
      where: { tenantId: kit.tenant.id, stepKey: { in: [CLIENT_CREDENTIALS_CLIENT, EWT_CLIENT] } },
    });
    for (const state of states) {
      const { clientId, secretPurpose } = state.outputs as { clientId: string; secretPurpose: string };
      const stored = await secret(secretPurpose);
      const answer = await fetch(`${kit.genesys.url}/oauth/token`, {
        method: "POST",
        headers: {
          Authorization: `Basic ${Buffer.from(`${clientId}:${stored}`).toString("base64")}`,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: "grant_type=client_credentials",
      });
      expect(answer.status).toBe(200);
    }
    expect(await secret("saml2-bearer-client.client-secret")).toMatch(/.{16,}/);
  });

  it("sets up the identity provider with the stored certificate, and the employee role keeping its policies", async () => {
    const org = await kit.genesysOrg();
    const keyMaterial = (
      await kit.db.stepState.findUniqueOrThrow({
        where: { tenantId_stepKey: { tenantId: kit.tenant.id, stepKey: SAML_KEY_MATERIAL } },
      })
    ).outputs as { certificatePem: string };
    expect(org.pureEngage).toMatchObject({
      name: "Genesys Multicloud CX",
      issuerURI: DEFAULT_ISSUER_URI,
      ssoTargetURI: "https://apps.mypurecloud.ie",
      autoProvisionUsers: true,
      disabled: false,
    });
    expect(sameCertificate(org.pureEngage!.certificate, keyMaterial.certificatePem)).toBe(true);
    const employee = org.roles.find((role) => role.defaultRoleId === "employee")!;
    const held = employee.permissionPolicies.flatMap((policy) =>
      policy.actionSet.map((action) => `${policy.domain}:${policy.entityName}:${action}`),
    );
    expect(held).toEqual(expect.arrayContaining([...DEFAULT_EMPLOYEE_PERMISSIONS, "directory:user:view"]));
    expect(org.users.some((user) => user.email === "hybrid-provisioner-smoke-test@acme-eu.com")).toBe(true);
  });

  it("adds the missing admin user and grants the admin role to the listed users who lack it, once", async () => {
    const org = await kit.genesysOrg();
    const admin = org.roles.find((role) => role.defaultRoleId === "admin")!;
    const home = org.divisions.find((division) => division.homeDivision)!;
    for (const email of [
      "second.admin@acme-eu.example.com",
      "alex.agent@acme-eu.example.com",
      "admin@acme-eu.example.com",
    ]) {
      const users = org.users.filter((user) => user.email === email);
      expect(users).toHaveLength(1);
      expect(users[0]!.grants.filter((grant) => grant.roleId === admin.id)).toEqual([
        expect.objectContaining({ roleId: admin.id, divisionId: home.id }),
      ]);
    }
    expect(
      await kit.db.externalIntent.findMany({
        where: { tenantId: kit.tenant.id, kind: "user" },
        select: { marker: true, status: true },
      }),
    ).toEqual(expect.arrayContaining([{ marker: "second.admin@acme-eu.example.com", status: "done" }]));
  });

  it("writes hybrid_integration with every option, and its encrypted key opens with its password and matches the provider", async () => {
    const [transaction, ...others] = await kit.hybridIntegration();
    expect(others).toHaveLength(0);
    const option = (section: string, key: string) => optionOf(transaction!, section, key);
    const outputs = async (stepKey: string) =>
      (await kit.db.stepState.findUniqueOrThrow({ where: { tenantId_stepKey: { tenantId: kit.tenant.id, stepKey } } }))
        .outputs as Record<string, string>;
    expect({
      sname: option("general", "organization_sname"),
      id: option("general", "organization_id"),
      agentRole: option("general", "default_agent_role_name"),
      adminRole: option("general", "default_admin_role_name"),
      auth: option("general", "base_auth_url"),
      service: option("general", "base_service_url"),
      suffix: option("general", "organization_domain_suffix"),
      issuer: option("saml", "issuer"),
      expire: option("saml", "expire_time"),
      samlClient: option("saml_auth", "client_id"),
      samlSecret: option("saml_auth", "password"),
      ewtClient: option("ewt", "client_id"),
      ewtSecret: option("ewt", "password"),
      keyPassword: option("saml", "password"),
    }).toEqual({
      sname: "acme-eu",
      id: kit.orgId,
      agentRole: "employee",
      adminRole: "admin",
      auth: "https://login.mypurecloud.ie/oauth/token",
      service: "https://api.mypurecloud.ie/api/",
      suffix: "com",
      issuer: DEFAULT_ISSUER_URI,
      expire: "24",
      samlClient: (await outputs(SAML2_BEARER_CLIENT)).clientId,
      samlSecret: await secret("saml2-bearer-client.client-secret"),
      ewtClient: (await outputs(EWT_CLIENT)).clientId,
      ewtSecret: await secret("ewt-client.client-secret"),
      keyPassword: await secret(SAML_SECRETS.keyPassword),
    });
    const certificatePem = Buffer.from(option("saml", "certificate")!, "base64").toString("utf8");
    const key = readPrivateKey(option("saml", "pkey")!, option("saml", "password"));
    expect(keyMatchesCertificate(key, certificatePem)).toBe(true);
    expect(sameCertificate((await kit.genesysOrg()).pureEngage!.certificate, certificatePem)).toBe(true);
  });

  it("keeps secrets out of the audit log and the run evidence", async () => {
    const secrets = await Promise.all(
      [
        "client-credentials-client.client-secret",
        "ewt-client.client-secret",
        "saml2-bearer-client.client-secret",
        SAML_SECRETS.keyPassword,
      ].map(secret),
    );
    const audit = JSON.stringify(
      await kit.db.auditEvent.findMany({ where: { targetId: kit.tenant.id }, select: { action: true, details: true } }),
    );
    const evidence = JSON.stringify(await kit.db.stepRun.findMany({ where: { run: { tenantId: kit.tenant.id } } }));
    for (const value of secrets) {
      expect(value).toBeTruthy();
      expect(audit).not.toContain(value);
      expect(evidence).not.toContain(value);
    }
    const stepEvents = await kit.db.auditEvent.findMany({
      where: { targetId: kit.tenant.id, action: { startsWith: "step." } },
      orderBy: { seq: "asc" },
    });
    const actions = stepEvents.map((event) => event.action);
    expect(
      stepEvents
        .filter((event) => event.action === "step.succeed")
        .map((event) => (event.details as { step: string }).step),
    ).toEqual(ownSteps(first).map((step) => step.stepKey));
    expect(actions.filter((action) => action === "step.start")).toHaveLength(ownSteps(first).length);
    expect(actions.filter((action) => action === "step.succeed")).toHaveLength(ownSteps(first).length);
  });

  it("stores no secret in clear in any table, in any encoding", async () => {
    const purposes = [
      "client-credentials-client.client-secret",
      "ewt-client.client-secret",
      "saml2-bearer-client.client-secret",
      SAML_SECRETS.keyPassword,
      SAML_SECRETS.privateKey,
      "bootstrap-client-secret",
    ];
    const secrets = (await Promise.all(purposes.map(secret))).map((value) =>
      value!.replace(/-----[A-Z ]+-----|\s+/g, "").slice(0, 60),
    );
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const dump: string[] = [];
    for (const table of [
      "tenants",
      "deployments",
      "step_states",
      "external_intents",
      "runs",
      "step_runs",
      "audit_events",
      "secrets",
    ]) {
      dump.push(
        ...(await client.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${table}" t`)).rows.map(
          (row) => row.row,
        ),
      );
    }
    await client.end();
    const text = dump.join("\n");
    for (const value of secrets) for (const encoded of encodingsOf(value)) expect(text.includes(encoded)).toBe(false);
  });

  it("makes no writes to either sandbox when applied again, and every step reports unchanged", async () => {
    const genesysWrites = (await kit.genesysWrites()).length;
    const gaxWrites = (await kit.gax.control.objectWrites()).length;
    const again = await applyTenant(kit.tenant.id, kit.engine);
    expect(again.status).toBe("succeeded");
    expect(ownSteps(again).map((step) => step.result)).toEqual([
      ...Array(9).fill("unchanged"),
      "checked",
      "unchanged",
      "checked",
    ]);
    expect((await kit.genesysWrites()).length).toBe(genesysWrites);
    expect((await kit.gax.control.objectWrites()).length).toBe(gaxWrites);
  });
});
