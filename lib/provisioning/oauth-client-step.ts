import { z } from "zod";
import { AppError } from "@/lib/errors";
import { isGenesysCloudError, type GrantType, type OAuthClient, type OAuthClientRequest } from "@/lib/genesys-cloud";
import { adminInHome } from "./org-roles";
import { hasMarker, MASK, markerOf, withMarker } from "./markers";
import { defineStep, verificationFrom, type FieldDifference, type InputSource, type RegeneratedSecret, type Step, type StepApplyResult, type StepContext, type StepPlan } from "./step";
import type { TenantView } from "./tenant-view";

export interface OAuthClientSettings {
  accessTokenValiditySeconds: number;
  redirectUris: string[];
  scopes: string[];
}

export interface OAuthClientStepSpec<Input> {
  key: string;
  title: string;
  description: string;
  dependsOn: readonly string[];
  appliesTo?: (tenant: TenantView) => boolean;
  clientName: string;
  clientDescription: string;
  grantType: Extract<GrantType, "CLIENT-CREDENTIALS" | "SAML2-BEARER">;
  input: z.ZodType<Input>;
  inputFrom(source: InputSource): unknown;
  settings(input: Input): OAuthClientSettings;
}

export const clientSecretPurpose = (stepKey: string) => `${stepKey}.client-secret`;
export const oauthClientOutputsSchema = z.object({ clientId: z.string().min(1), clientName: z.string(), secretPurpose: z.string().min(1) });
export type OAuthClientOutputs = z.output<typeof oauthClientOutputsSchema>;

const manualSchema = z.object({ clientId: z.string().trim().min(1, "must not be empty"), clientSecret: z.string().min(1, "must not be empty") }).strict();
type ManualValues = z.output<typeof manualSchema>;

const sorted = (values: string[] | undefined) => [...(values ?? [])].sort().join(", ");
const grantsOf = (client: Pick<OAuthClient, "roleDivisions">) => sorted((client.roleDivisions ?? []).map((grant) => `${grant.roleId}@${grant.divisionId}`));

/** Create and keep in shape one OAuth client, found by its marker; its secret is sealed once and regenerated when lost. */
export function oauthClientStep<Input>(spec: OAuthClientStepSpec<Input>): Step<Input, ManualValues> {
  const purpose = clientSecretPurpose(spec.key);
  const clientCredentials = spec.grantType === "CLIENT-CREDENTIALS";

  async function desiredRequest(ctx: StepContext<Input>): Promise<OAuthClientRequest> {
    const settings = spec.settings(ctx.input);
    const request: OAuthClientRequest = {
      name: spec.clientName,
      description: withMarker(spec.clientDescription, spec.key),
      accessTokenValiditySeconds: settings.accessTokenValiditySeconds,
      authorizedGrantType: spec.grantType,
      state: "active",
    };
    if (!clientCredentials) return { ...request, registeredRedirectUri: settings.redirectUris, scope: settings.scopes };
    return { ...request, roleDivisions: [await adminInHome(ctx.genesys())] };
  }

  /** The client this step owns: by id when completed manually, otherwise by marker; a same-named stranger is a conflict. */
  async function findOwned(ctx: StepContext<Input>): Promise<OAuthClient | null> {
    const genesys = ctx.genesys();
    const manualId = ctx.previous?.manual ? oauthClientOutputsSchema.safeParse(ctx.previous.outputs).data?.clientId : undefined;
    if (manualId) {
      try {
        return await genesys.getOAuthClient(manualId);
      } catch (error) {
        if (isGenesysCloudError(error) && error.status === 404) return null;
        throw error;
      }
    }
    const clients = await genesys.listOAuthClients();
    const owned = clients.filter((client) => hasMarker(client.description, spec.key));
    if (owned.length > 1) {
      throw new AppError(
        "conflict",
        `${owned.length} OAuth clients carry the marker ${markerOf(spec.key)} (ids ${owned.map((c) => c.id).join(", ")}). Delete all but one in Genesys Cloud Admin > Integrations > OAuth, then apply again.`,
      );
    }
    if (owned[0]) return owned[0];
    const stranger = clients.find((client) => client.name === spec.clientName);
    if (stranger) {
      throw new AppError(
        "conflict",
        `An OAuth client named "${spec.clientName}" (id ${stranger.id}) exists that the provisioner did not create. Complete this step manually with its client id and secret, or rename it in Genesys Cloud, then apply again.`,
      );
    }
    return null;
  }

  function differences(live: OAuthClient, desired: OAuthClientRequest, manual: boolean): FieldDifference[] {
    const pairs: [string, string, string][] = [
      ["authorizedGrantType", desired.authorizedGrantType, live.authorizedGrantType],
      ["accessTokenValiditySeconds", String(desired.accessTokenValiditySeconds), String(live.accessTokenValiditySeconds ?? "")],
      ["state", "active", live.state ?? "active"],
    ];
    if (!manual) pairs.push(["name", desired.name, live.name], ["description", desired.description ?? "", live.description ?? ""]);
    if (clientCredentials) pairs.push(["roleDivisions", grantsOf({ roleDivisions: desired.roleDivisions }), grantsOf(live)]);
    else pairs.push(["registeredRedirectUri", sorted(desired.registeredRedirectUri), sorted(live.registeredRedirectUri)], ["scope", sorted(desired.scope), sorted(live.scope)]);
    return pairs.filter(([, expected, actual]) => expected !== actual).map(([field, expected, actual]) => ({ field, expected, actual }));
  }

  /** Whether Genesys Cloud accepts the stored secret (client-credentials clients only; others cannot be checked alone). */
  async function secretAccepted(ctx: StepContext<Input>, clientId: string, secret: string): Promise<boolean> {
    if (!clientCredentials) return true;
    try {
      await ctx.genesys().exchangeClientCredentials({ clientId, clientSecret: secret });
      return true;
    } catch (error) {
      if (isGenesysCloudError(error) && error.status === 401) return false;
      throw error;
    }
  }

  /** Why the stored secret cannot be used for this client, or undefined when it can. */
  async function secretProblem(ctx: StepContext<Input>, clientId: string, check: boolean): Promise<string | undefined> {
    const stored = await ctx.secret(purpose);
    if (!stored) return "no secret is stored for the client (an earlier attempt stopped after creating it, or the secret was lost)";
    if (oauthClientOutputsSchema.safeParse(ctx.previous?.outputs).data?.clientId !== clientId) return "the stored secret belongs to another client";
    if (check && !(await secretAccepted(ctx, clientId, stored))) return "Genesys Cloud no longer accepts the stored secret";
    return undefined;
  }

  const outputsOf = (client: OAuthClient): OAuthClientOutputs => ({ clientId: client.id, clientName: client.name, secretPurpose: purpose });

  const intentMarker = `${spec.clientName} ${markerOf(spec.key)}`;

  async function createClient(ctx: StepContext<Input>, desired: OAuthClientRequest): Promise<{ created: StepApplyResult } | { found: OAuthClient }> {
    await ctx.beforeCreate("oauth-client", intentMarker);
    try {
      const created = await ctx.genesys().createOAuthClient(desired);
      await ctx.afterCreate("oauth-client", intentMarker, created.id);
      return {
        created: {
          result: "created",
          outputs: outputsOf(created),
          secrets: { [purpose]: created.secret },
          externalObjects: [{ kind: "oauth-client", marker: intentMarker, id: created.id }],
          changes: [`created OAuth client "${created.name}" (${created.id})`],
        },
      };
    } catch (error) {
      // The create may have happened: look again before anything else.
      if (!isGenesysCloudError(error) || !error.outcomeUnknown) throw error;
      const found = await findOwned(ctx);
      if (!found) throw error;
      return { found };
    }
  }

  async function apply(ctx: StepContext<Input>): Promise<StepApplyResult> {
    const desired = await desiredRequest(ctx);
    let live = await findOwned(ctx);
    if (!live) {
      const outcome = await createClient(ctx, desired);
      if ("created" in outcome) return outcome.created;
      live = outcome.found;
    }
    const manual = ctx.previous?.manual ?? false;
    const externalObjects = manual ? [] : [{ kind: "oauth-client", marker: intentMarker, id: live.id }];
    const drift = differences(live, desired, manual);
    const changes: string[] = [];
    if (drift.length > 0) {
      const body = manual ? { ...desired, name: live.name, description: live.description } : desired;
      await ctx.genesys().updateOAuthClient(live.id, body);
      changes.push(`updated OAuth client "${live.name}": ${drift.map((d) => d.field).join(", ")}`);
    }
    const problem = await secretProblem(ctx, live.id, true);
    if (!problem) return { result: drift.length > 0 ? "updated" : "unchanged", outputs: outputsOf(live), externalObjects, changes };
    const regenerated = await ctx.genesys().regenerateOAuthClientSecret(live.id);
    const record: RegeneratedSecret = { objectKind: "oauth-client", objectId: live.id, purpose, reason: problem };
    changes.push(`regenerated the secret of OAuth client "${live.name}"`);
    return { result: "updated", outputs: outputsOf(live), secrets: { [purpose]: regenerated.secret }, regenerated: [record], externalObjects, changes };
  }

  async function plan(ctx: StepContext<Input>): Promise<StepPlan> {
    const desired = await desiredRequest(ctx);
    const live = await findOwned(ctx);
    if (!live) {
      return {
        action: "create",
        changes: [
          { field: "name", expected: desired.name, actual: "" },
          { field: "authorizedGrantType", expected: desired.authorizedGrantType, actual: "" },
          { field: "secret", expected: MASK, actual: "" },
        ],
      };
    }
    const changes = differences(live, desired, ctx.previous?.manual ?? false);
    const problem = await secretProblem(ctx, live.id, false);
    if (problem) changes.push({ field: "secret", expected: "stored", actual: `${problem}: it will be regenerated` });
    return { action: changes.length > 0 ? "update" : "none", changes };
  }

  async function verify(ctx: StepContext<Input>) {
    const live = await findOwned(ctx);
    if (!live) return { status: "missing" as const, differences: [{ field: "client", expected: spec.clientName, actual: "" }] };
    const drift = differences(live, await desiredRequest(ctx), ctx.previous?.manual ?? false);
    const problem = await secretProblem(ctx, live.id, true);
    if (problem) drift.push({ field: "secret", expected: "stored and accepted", actual: problem });
    return verificationFrom(drift);
  }

  return defineStep<Input, ManualValues>({
    key: spec.key,
    title: spec.title,
    description: spec.description,
    phase: "genesys-cloud",
    dependsOn: spec.dependsOn,
    input: spec.input,
    inputFrom: spec.inputFrom,
    appliesTo: spec.appliesTo,
    plan,
    apply,
    verify,
    manual: {
      schema: manualSchema,
      description: "the client id and secret of a client created in Genesys Cloud Admin > Integrations > OAuth",
      async complete(ctx, values) {
        let live: OAuthClient;
        try {
          live = await ctx.genesys().getOAuthClient(values.clientId);
        } catch (error) {
          if (isGenesysCloudError(error) && error.status === 404) {
            throw new AppError("invalid_input", `No OAuth client with id ${values.clientId} exists in this org.`, { clientId: ["no such client in the org"] });
          }
          throw error;
        }
        if (live.authorizedGrantType !== spec.grantType) {
          throw new AppError("invalid_input", `OAuth client ${live.id} has grant type ${live.authorizedGrantType}; this step needs ${spec.grantType}.`, { clientId: [`must be a ${spec.grantType} client`] });
        }
        if (clientCredentials && !(await secretAccepted(ctx as StepContext<Input>, live.id, values.clientSecret))) {
          throw new AppError("invalid_input", "Genesys Cloud does not accept this client secret.", { clientSecret: ["is not accepted for this client"] });
        }
        return { result: "updated", outputs: outputsOf(live), secrets: { [purpose]: values.clientSecret }, changes: [`recorded OAuth client "${live.name}" (${live.id}) entered by hand`] };
      },
    },
  });
}
