import { z } from "zod";
import { AppError } from "@/lib/errors";
import { isGenesysCloudError, type GrantType, type OAuthClient, type OAuthClientRequest } from "@/lib/genesys-cloud";
import { adminInHome, requireDefaultRole } from "./org-roles";
import { hasMarker, MASK, markerOf, withMarker } from "../model/markers";
import { formatSeconds, retryRefusals } from "../model/propagation";
import {
  defineStep,
  verificationFrom,
  type FieldDifference,
  type InputSource,
  type RegeneratedSecret,
  type Step,
  type StepApplyResult,
  type StepContext,
  type StepPlan,
} from "../model/step";
import type { StepWhen } from "../model/step-condition";

interface OAuthClientSettings {
  accessTokenValiditySeconds: number;
  redirectUris: string[];
  scopes: string[];
}

interface OAuthClientStepSpec<Input> {
  key: string;
  title: string;
  description: string;
  dependsOn: readonly string[];
  when?: StepWhen;
  clientName: string;
  clientDescription: string;
  grantType: Extract<GrantType, "CLIENT-CREDENTIALS" | "SAML2-BEARER">;
  input: z.ZodType<Input>;
  inputFrom(source: InputSource): unknown;
  settings(input: Input): OAuthClientSettings;
}

const clientSecretPurpose = (stepKey: string) => `${stepKey}.client-secret`;
export const oauthClientOutputsSchema = z.object({
  clientId: z.string().min(1),
  clientName: z.string(),
  secretPurpose: z.string().min(1),
});
type OAuthClientOutputs = z.output<typeof oauthClientOutputsSchema>;

const manualSchema = z
  .object({
    clientId: z.string().trim().min(1, "must not be empty"),
    clientSecret: z.string().min(1, "must not be empty"),
  })
  .strict();
type ManualValues = z.output<typeof manualSchema>;

type SecretCheck = { accepted: true } | { accepted: false; why: string };

const sorted = (values: string[] | undefined) => [...(values ?? [])].sort().join(", ");
/** Role and division names by id, so grants read "role admin in division Home"; unknown ids are shown as ids. */
type GrantNames = ReadonlyMap<string, string>;
const grantsOf = (client: Pick<OAuthClient, "roleDivisions">, names: GrantNames) =>
  sorted(
    (client.roleDivisions ?? []).map(
      ({ roleId, divisionId }) =>
        `${names.get(roleId) ?? `role ${roleId}`} in ${names.get(divisionId) ?? `division ${divisionId}`}`,
    ),
  );

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
    const manualId = ctx.previous?.manual
      ? oauthClientOutputsSchema.safeParse(ctx.previous.outputs).data?.clientId
      : undefined;
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

  /** The names of what the step grants (the admin role, the Home division): read once per run (read cache). */
  async function grantNames(ctx: StepContext<Input>, live: OAuthClient): Promise<GrantNames> {
    if (!clientCredentials) return new Map();
    const genesys = ctx.genesys();
    const [admin, home] = await Promise.all([requireDefaultRole(genesys, "admin"), genesys.getHomeDivision()]);
    const names = new Map([
      [admin.id, `role ${admin.name}`],
      [home.id, `division ${home.name}`],
    ]);
    // Other roles granted to the client (someone changed it): named too, with one more read only then.
    const others = [...new Set((live.roleDivisions ?? []).map((grant) => grant.roleId))].filter((id) => !names.has(id));
    if (others.length > 0) {
      const { entities } = await genesys.listRoles({ id: others, pageSize: 100 });
      for (const role of entities) if (others.includes(role.id)) names.set(role.id, `role ${role.name}`);
    }
    return names;
  }

  function differences(
    live: OAuthClient,
    desired: OAuthClientRequest,
    { manual, names }: { manual: boolean; names: GrantNames },
  ): FieldDifference[] {
    const pairs: [string, string, string][] = [
      ["authorizedGrantType", desired.authorizedGrantType, live.authorizedGrantType],
      [
        "accessTokenValiditySeconds",
        String(desired.accessTokenValiditySeconds),
        String(live.accessTokenValiditySeconds ?? ""),
      ],
      ["state", "active", live.state ?? "active"],
    ];
    if (!manual)
      pairs.push(["name", desired.name, live.name], ["description", desired.description ?? "", live.description ?? ""]);
    if (clientCredentials)
      pairs.push(["roleDivisions", grantsOf({ roleDivisions: desired.roleDivisions }, names), grantsOf(live, names)]);
    else
      pairs.push(
        ["registeredRedirectUri", sorted(desired.registeredRedirectUri), sorted(live.registeredRedirectUri)],
        ["scope", sorted(desired.scope), sorted(live.scope)],
      );
    return pairs
      .filter(([, expected, actual]) => expected !== actual)
      .map(([field, expected, actual]) => ({ field, expected, actual }));
  }

  /** When the client last changed: its own dates, or an apply of this step that created or updated it. */
  async function changedAt(ctx: StepContext<Input>, live: OAuthClient): Promise<Date | null> {
    const applied = await ctx.propagation.lastChangedAt([spec.key]);
    const times = [live.dateCreated, live.dateModified].map((date) => (date ? Date.parse(date) : Number.NaN));
    const latest = Math.max(...[...times, applied?.getTime() ?? Number.NaN].filter((time) => !Number.isNaN(time)));
    return Number.isFinite(latest) ? new Date(latest) : null;
  }

  /**
   * Whether Genesys Cloud accepts the secret (client-credentials clients only; others cannot be checked alone). A new
   * client or secret is refused (401) until it has propagated: refusals are asked again, within the propagation window
   * of the client's last change, and at least once more, so one 401 never counts as a lost secret.
   */
  async function secretCheck(ctx: StepContext<Input>, live: OAuthClient, secret: string): Promise<SecretCheck> {
    if (!clientCredentials) return { accepted: true };
    const exchange = () => ctx.genesys().exchangeClientCredentials({ clientId: live.id, clientSecret: secret });
    const refused = (error: unknown) => isGenesysCloudError(error) && error.status === 401;
    let lastChange: Promise<Date | null> | undefined;
    const retry = { windowMs: ctx.propagation.windowMs, changedAt: () => (lastChange ??= changedAt(ctx, live)) };
    const outcome = await retryRefusals(exchange, refused, retry);
    if (outcome.ok) return { accepted: true };
    const why = `still refused after ${formatSeconds(outcome.elapsedMs)} and ${outcome.attempts} attempts`;
    return { accepted: false, why };
  }

  /** Why the stored secret cannot be used for this client, or undefined when it can. */
  async function secretProblem(ctx: StepContext<Input>, live: OAuthClient, check: boolean) {
    const stored = await ctx.secret(purpose);
    if (!stored)
      return "no secret is stored for the client (an earlier attempt stopped after creating it, or the secret was lost)";
    const storedFor = oauthClientOutputsSchema.safeParse(ctx.previous?.outputs).data?.clientId;
    if (storedFor !== live.id) return "the stored secret belongs to another client";
    if (!check) return undefined;
    const checked = await secretCheck(ctx, live, stored);
    return checked.accepted ? undefined : `Genesys Cloud no longer accepts the stored secret (${checked.why})`;
  }

  /** Said before apply when Genesys Cloud may still be taking in a recent change of the client. */
  async function propagationNotice(ctx: StepContext<Input>, live: OAuthClient): Promise<string[]> {
    const changed = await changedAt(ctx, live);
    const { windowMs } = ctx.propagation;
    if (!clientCredentials || !changed || Date.now() - changed.getTime() >= windowMs) return [];
    const ago = formatSeconds(Date.now() - changed.getTime());
    return [
      `OAuth client "${live.name}" changed ${ago} ago: Genesys Cloud may refuse its secret for up to ` +
        `${formatSeconds(windowMs)} after a change. Apply and verify wait for it, and regenerate the secret only if ` +
        "it is still refused after that.",
    ];
  }

  const outputsOf = (client: OAuthClient): OAuthClientOutputs => ({
    clientId: client.id,
    clientName: client.name,
    secretPurpose: purpose,
  });

  const intentMarker = `${spec.clientName} ${markerOf(spec.key)}`;

  async function createClient(
    ctx: StepContext<Input>,
    desired: OAuthClientRequest,
  ): Promise<{ created: StepApplyResult } | { found: OAuthClient }> {
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
    const drift = differences(live, desired, { manual, names: await grantNames(ctx, live) });
    const changes: string[] = [];
    if (drift.length > 0) {
      const body = manual ? { ...desired, name: live.name, description: live.description } : desired;
      await ctx.genesys().updateOAuthClient(live.id, body);
      changes.push(`updated OAuth client "${live.name}": ${drift.map((d) => d.field).join(", ")}`);
    }
    const problem = await secretProblem(ctx, live, true);
    if (!problem)
      return { result: drift.length > 0 ? "updated" : "unchanged", outputs: outputsOf(live), externalObjects, changes };
    const regenerated = await ctx.genesys().regenerateOAuthClientSecret(live.id);
    const record: RegeneratedSecret = { objectKind: "oauth-client", objectId: live.id, purpose, reason: problem };
    changes.push(`regenerated the secret of OAuth client "${live.name}"`);
    return {
      result: "updated",
      outputs: outputsOf(live),
      secrets: { [purpose]: regenerated.secret },
      regenerated: [record],
      externalObjects,
      changes,
    };
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
    const manual = ctx.previous?.manual ?? false;
    const changes = differences(live, desired, { manual, names: await grantNames(ctx, live) });
    const problem = await secretProblem(ctx, live, false);
    if (problem) changes.push({ field: "secret", expected: "stored", actual: `${problem}: it will be regenerated` });
    const notices = await propagationNotice(ctx, live);
    return { action: changes.length > 0 ? "update" : "none", changes, ...(notices.length > 0 ? { notices } : {}) };
  }

  async function verify(ctx: StepContext<Input>) {
    const live = await findOwned(ctx);
    if (!live)
      return { status: "missing" as const, differences: [{ field: "client", expected: spec.clientName, actual: "" }] };
    const manual = ctx.previous?.manual ?? false;
    const drift = differences(live, await desiredRequest(ctx), { manual, names: await grantNames(ctx, live) });
    const problem = await secretProblem(ctx, live, true);
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
    when: spec.when,
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
            throw new AppError("invalid_input", `No OAuth client with id ${values.clientId} exists in this org.`, {
              clientId: ["no such client in the org"],
            });
          }
          throw error;
        }
        if (live.authorizedGrantType !== spec.grantType) {
          throw new AppError(
            "invalid_input",
            `OAuth client ${live.id} has grant type ${live.authorizedGrantType}; this step needs ${spec.grantType}.`,
            { clientId: [`must be a ${spec.grantType} client`] },
          );
        }
        const checked = await secretCheck(ctx as StepContext<Input>, live, values.clientSecret);
        if (!checked.accepted) {
          throw new AppError("invalid_input", `Genesys Cloud does not accept this client secret (${checked.why}).`, {
            clientSecret: ["is not accepted for this client"],
          });
        }
        return {
          result: "updated",
          outputs: outputsOf(live),
          secrets: { [purpose]: values.clientSecret },
          changes: [`recorded OAuth client "${live.name}" (${live.id}) entered by hand`],
        };
      },
    },
  });
}
