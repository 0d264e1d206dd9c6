import { z } from "zod";
import { oauthClientOutputsSchema, oauthClientStep } from "./oauth-client-step";
import { defineStep, type StepContext } from "../model/step";
import { CLIENT_CREDENTIALS_CLIENT, CONNECT_ORG, EWT_CLIENT } from "../model/step-keys";

const input = z.object({
  mode: z.enum(["separate", "shared"]),
  tokenLifetimeSeconds: z.number().int(),
  /** The PureEngage Client Credentials client, when shared. */
  shared: oauthClientOutputsSchema.optional(),
});
type Input = z.output<typeof input>;

// The "separate" behaviour only; the step below adds its metadata and the shared case.
const separate = oauthClientStep<Input>({
  key: EWT_CLIENT,
  title: "Agent Pacing Service (ewt) client",
  description: "",
  dependsOn: [],
  clientName: "PureEngage Agent Pacing Service",
  clientDescription: "OAuth client for the Agent Pacing Service (ewt) to connect to Genesys Cloud",
  grantType: "CLIENT-CREDENTIALS",
  input,
  inputFrom: () => ({}),
  settings: ({ tokenLifetimeSeconds }) => ({
    accessTokenValiditySeconds: tokenLifetimeSeconds,
    redirectUris: [],
    scopes: [],
  }),
});

function sharedClient(ctx: StepContext<Input>) {
  if (!ctx.input.shared) throw new Error("ewt-client: the shared client's outputs are missing");
  return ctx.input.shared;
}

/** Step 3: the ewt section's client: its own client-credentials client, or the PureEngage one when the setting says shared. */
export const ewtClientStep = defineStep<Input, z.output<NonNullable<typeof separate.manual>["schema"]>>({
  key: EWT_CLIENT,
  title: "Agent Pacing Service (ewt) client",
  description:
    "Gives the Agent Pacing Service a client-credentials OAuth client: its own (the default) or the PureEngage Client Credentials client when set to shared.",
  phase: "genesys-cloud",
  dependsOn: [CONNECT_ORG, CLIENT_CREDENTIALS_CLIENT],
  input: input.refine((value) => value.mode === "separate" || value.shared !== undefined, {
    path: ["shared"],
    message: "needs the PureEngage Client Credentials client applied first",
  }),
  inputFrom: ({ tenant, outputs }) => ({
    mode: tenant.settings.ewtClient,
    tokenLifetimeSeconds: tenant.settings.tokenLifetimeSeconds,
    shared: outputs[CLIENT_CREDENTIALS_CLIENT],
  }),
  when: { service: "agent-pacing" },
  plan: async (ctx) =>
    ctx.input.mode === "shared"
      ? { action: ctx.previous?.outputs.clientId === sharedClient(ctx).clientId ? "none" : "update", changes: [] }
      : separate.plan(ctx),
  async apply(ctx) {
    if (ctx.input.mode === "separate") return separate.apply(ctx);
    const shared = sharedClient(ctx);
    const same = ctx.previous?.outputs.clientId === shared.clientId;
    return {
      result: same ? "unchanged" : "updated",
      outputs: { ...shared, shared: true },
      changes: same ? [] : [`the Agent Pacing Service uses "${shared.clientName}" (${shared.clientId})`],
    };
  },
  verify: async (ctx) => (ctx.input.mode === "shared" ? { status: "ok", differences: [] } : separate.verify(ctx)),
  manual: separate.manual,
});
