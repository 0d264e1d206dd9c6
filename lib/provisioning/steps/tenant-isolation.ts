import { z } from "zod";
import type { TenantIsolationReport } from "@/lib/config-server/bridge";
import { AppError } from "@/lib/errors";
import { defineStep, type FieldDifference, type StepApplyResult, type StepContext } from "../step";
import { TRANSACTION_OBJECT } from "./transaction-object";

export const TENANT_ISOLATION = "tenant-isolation";
/** Sealed: the password of the tenant's sample agent, as the operator entered it. */
export const ISOLATION_AGENT_PASSWORD = `${TENANT_ISOLATION}.agent-password`;

const agentSchema = z
  .object({
    username: z.string().trim().min(1, "must not be empty").max(255, "must be at most 255 characters"),
    password: z.string().min(1, "must not be empty"),
    /** The password is the obscured value the GAX web UI sends. */
    passwordIsEncrypted: z.boolean().default(false),
  })
  .strict();
export type IsolationAgentInput = z.input<typeof agentSchema>;

const outputsSchema = z.object({ agentUsername: z.string().min(1), passwordIsEncrypted: z.boolean().default(false) });
const input = z.object({ cfgTenantName: z.string().min(1) });
type Input = z.output<typeof input>;

interface StoredAgent {
  username: string;
  password: string;
  passwordIsEncrypted: boolean;
}

async function storedAgent(ctx: StepContext<unknown>): Promise<StoredAgent | undefined> {
  const outputs = outputsSchema.safeParse(ctx.previous?.outputs).data;
  const password = outputs ? await ctx.secret(ISOLATION_AGENT_PASSWORD) : undefined;
  return outputs && password ? { username: outputs.agentUsername, password, passwordIsEncrypted: outputs.passwordIsEncrypted } : undefined;
}

const noAgent = (tenantName: string) =>
  new AppError("precondition_failed", `Enter a sample agent of tenant "${tenantName}" (username and password, complete this step by hand) so the isolation check can sign in as it.`);

/** The sample agents other tenants of this deployment entered for their own checks. */
async function peerAgents(ctx: StepContext<unknown>): Promise<(StoredAgent & { tenantName: string })[]> {
  const peers = await ctx.peerStates(ISOLATION_AGENT_PASSWORD);
  return peers.flatMap((peer) => {
    const outputs = outputsSchema.safeParse(peer.outputs).data;
    return outputs && peer.secret ? [{ tenantName: peer.tenantName, username: outputs.agentUsername, password: peer.secret, passwordIsEncrypted: outputs.passwordIsEncrypted }] : [];
  });
}

interface IsolationOutcome {
  report: TenantIsolationReport;
  problems: FieldDifference[];
  summary: string;
}

/**
 * Both directions: this tenant's agent must see only its own object, and no other tenant's agent may see this
 * tenant's. A peer's own problems (its object missing, its agent refused) belong to the peer's check, not this one.
 */
async function check(ctx: StepContext<unknown>, tenantName: string, agent: StoredAgent, options: { peers: boolean }): Promise<IsolationOutcome> {
  const peers = options.peers ? await peerAgents(ctx) : [];
  const bridge = await ctx.bridge();
  const report = await bridge.checkTenantIsolation([{ tenantName, ...agent }, ...peers]);
  const [own, ...others] = report.agents;
  const problems: FieldDifference[] = [];
  if (own && !own.ok) problems.push({ field: `${own.username} (${own.tenantName})`, expected: "sees only its own tenant's hybrid_integration", actual: own.problem ?? "" });
  for (const peer of others.filter((result) => result.seesTenants.includes(tenantName))) {
    problems.push({ field: `${peer.username} (${peer.tenantName})`, expected: `cannot read ${tenantName}'s hybrid_integration`, actual: `can read the hybrid_integration of ${tenantName}` });
  }
  const checked = others.length > 0 ? ` and ${others.length} agent(s) of other tenants cannot see it` : "";
  const summary =
    problems.length === 0
      ? `Tenant isolation holds: ${agent.username} sees only ${tenantName}'s hybrid_integration${checked}.`
      : `Tenant isolation fails: ${problems.map((problem) => `${problem.field} ${problem.actual}`).join("; ")}.`;
  return { report, problems, summary };
}

function checkedResult(agent: StoredAgent, outcome: IsolationOutcome, secrets?: Record<string, string>): StepApplyResult {
  return { result: "checked", outputs: { agentUsername: agent.username, passwordIsEncrypted: agent.passwordIsEncrypted, seesTenants: outcome.report.agents[0]?.seesTenants ?? [] }, secrets, changes: [outcome.summary] };
}

/**
 * Step 10 (multi-tenant deployments): a sample agent of the tenant signs in to GAX as Workspace Desktop Edition would
 * and must see exactly one hybrid_integration, its own tenant's; another tenant's object in view is a leaking ACL. The
 * sample agents of the deployment's other tenants must not see this tenant's object either.
 */
export const tenantIsolationStep = defineStep<Input, z.output<typeof agentSchema>>({
  key: TENANT_ISOLATION,
  title: "Tenant isolation check",
  description: "Signs in to GAX as a sample agent of this tenant and checks it sees only its own tenant's hybrid_integration, and that the other tenants' sample agents cannot see it.",
  phase: "on-premises",
  dependsOn: [TRANSACTION_OBJECT],
  input,
  inputFrom: ({ tenant }) => ({ cfgTenantName: tenant.cfgTenantName }),
  appliesTo: (tenant) => tenant.deployment.layout === "multi-tenant",

  async plan(ctx) {
    const agent = await storedAgent(ctx);
    return { action: "check", changes: agent ? [] : [{ field: "sample agent", expected: "entered", actual: "" }] };
  },

  async apply(ctx) {
    const agent = await storedAgent(ctx);
    if (!agent) throw noAgent(ctx.input.cfgTenantName);
    const outcome = await check(ctx, ctx.input.cfgTenantName, agent, { peers: true });
    if (outcome.problems.length > 0) throw new AppError("conflict", `${outcome.summary} Fix the access control of the Transactions folders in GAX, then apply again.`);
    return checkedResult(agent, outcome);
  },

  async verify(ctx) {
    const agent = await storedAgent(ctx);
    if (!agent) return { status: "missing", differences: [{ field: "sample agent", expected: "entered", actual: "" }] };
    const { problems } = await check(ctx, ctx.input.cfgTenantName, agent, { peers: true });
    return { status: problems.length === 0 ? "ok" : "drifted", differences: problems };
  },

  manual: {
    schema: agentSchema,
    description: "a sample agent of this tenant (GAX username and password) for the isolation check",
    /** Stores the agent once it can sign in; whether isolation holds is judged by apply and verify. */
    async complete(ctx, values) {
      const agent = { username: values.username, password: values.password, passwordIsEncrypted: values.passwordIsEncrypted };
      const outcome = await check(ctx, ctx.tenant.cfgTenantName, agent, { peers: false });
      const own = outcome.report.agents[0];
      const signInProblem = own?.problem?.startsWith("could not check") ? own.problem : undefined;
      if (signInProblem) throw new AppError("invalid_input", `Sample agent ${values.username}: ${signInProblem}`);
      return checkedResult(agent, outcome, { [ISOLATION_AGENT_PASSWORD]: values.password });
    },
  },
});
