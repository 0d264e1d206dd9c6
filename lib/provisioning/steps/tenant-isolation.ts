import { z } from "zod";
import type { AgentIsolationResult, IsolationProblem, TenantIsolationReport } from "@/lib/config-server/bridge";
import { AppError } from "@/lib/errors";
import { NeedsInputError } from "../model/needs-input";
import { defineStep, type FieldDifference, type StepApplyResult, type StepContext } from "../model/step";
import { TENANT_ISOLATION, TRANSACTION_OBJECT } from "../model/step-keys";

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
  return outputs && password
    ? { username: outputs.agentUsername, password, passwordIsEncrypted: outputs.passwordIsEncrypted }
    : undefined;
}

/** Not a failure: the check waits for the operator to enter a sample agent (manual completion). */
const noAgent = (tenantName: string) =>
  new NeedsInputError(
    "a sample agent of this tenant (GAX username and password)",
    `Enter a sample agent of tenant "${tenantName}" (username and password, complete this step by hand) ` +
      "so the isolation check can sign in as it.",
  );

/** What the deployment's other tenants' sample agents saw at their last check (apply or verify). */
const observationSchema = z.object({
  agentUsername: z.string().min(1),
  seesTenants: z.array(z.string()),
  checkedAt: z.string().optional(),
});

async function peersSeeing(ctx: StepContext<unknown>, tenantName: string): Promise<FieldDifference[]> {
  const peers = await ctx.peerStates();
  return peers.flatMap((peer) => {
    const seen = observationSchema.safeParse(peer.outputs).data;
    if (!seen?.seesTenants.includes(tenantName)) return [];
    const when = seen.checkedAt ? ` (its check of ${seen.checkedAt})` : "";
    return [
      {
        field: `${seen.agentUsername} (${peer.tenantName})`,
        expected: `cannot read ${tenantName}'s hybrid_integration`,
        actual: `could read the hybrid_integration of ${tenantName}${when}`,
      },
    ];
  });
}

interface IsolationOutcome {
  seesTenants: string[];
  problems: FieldDifference[];
  summary: string;
  /** Set when the agent cannot stand for the tenant: GAX refuses it, or it is a person of another tenant. */
  unusable?: AgentIsolationResult;
}

/** Problems of the agent itself, not of isolation: the operator must grant rights or enter another agent. */
const AGENT_PROBLEMS: IsolationProblem[] = ["sign-in-not-permitted", "wrong-tenant"];

function ownDifference(tenantName: string, own: AgentIsolationResult, unusable: boolean): FieldDifference {
  if (unusable) {
    const expected = `a person of tenant "${tenantName}" that may sign in to GAX`;
    return { field: "sample agent", expected, actual: `${own.username} ${own.problem ?? ""}` };
  }
  const expected = "sees only its own tenant's hybrid_integration";
  return { field: `${own.username} (${own.tenantName})`, expected, actual: own.problem ?? "" };
}

/**
 * Both directions. This tenant's agent signs in and must see only its own object. The other direction comes from
 * what the other tenants' agents saw at their own last checks, so a deployment of n tenants costs n sign-ins, not n².
 */
async function check(
  ctx: StepContext<unknown>,
  { tenantName, agent, peers }: { tenantName: string; agent: StoredAgent; peers: boolean },
): Promise<IsolationOutcome & { report: TenantIsolationReport }> {
  const bridge = await ctx.bridge();
  const report = await bridge.checkTenantIsolation([{ tenantName, ...agent }]);
  const own = report.agents[0];
  const unusable = own?.problemKind && AGENT_PROBLEMS.includes(own.problemKind) ? own : undefined;
  const problems: FieldDifference[] = [];
  if (own && !own.ok) problems.push(ownDifference(tenantName, own, unusable !== undefined));
  const leaks = peers ? await peersSeeing(ctx, tenantName) : [];
  problems.push(...leaks);
  const summary =
    problems.length === 0
      ? `Tenant isolation holds: ${agent.username} sees only ${tenantName}'s hybrid_integration, and no other tenant's agent saw it at its last check.`
      : `Tenant isolation fails: ${problems.map((problem) => `${problem.field} ${problem.actual}`).join("; ")}.`;
  return { report, seesTenants: own?.seesTenants ?? [], problems, summary, unusable };
}

const observation = (agent: StoredAgent, outcome: IsolationOutcome) => ({
  agentUsername: agent.username,
  seesTenants: outcome.seesTenants,
  checkedAt: new Date().toISOString(),
});

function checkedResult(
  agent: StoredAgent,
  outcome: IsolationOutcome,
  secrets?: Record<string, string>,
): StepApplyResult {
  return {
    result: "checked",
    outputs: { ...observation(agent, outcome), passwordIsEncrypted: agent.passwordIsEncrypted },
    secrets,
    changes: [outcome.summary],
  };
}

/** Apply with a stored agent GAX refuses, or one of another tenant: say what to grant, or to enter another agent. */
function unusableAgent(own: AgentIsolationResult): AppError {
  const next = own.problemKind === "wrong-tenant" ? " (complete this step by hand)." : ", then apply again.";
  return new AppError("precondition_failed", `Sample agent ${own.username} ${own.problem}${next}`);
}

/** Apply with a stored agent that could not be checked at all (its password refused, GAX not answering). */
function uncheckedAgent(own: AgentIsolationResult): AppError {
  const next =
    "If its password changed, enter the agent again (complete this step by hand); if GAX did not answer, apply " +
    "again once it does.";
  const problem = (own.problem ?? "could not be checked").replace(/\.?$/, ".");
  return new AppError("precondition_failed", `Sample agent ${own.username} ${problem} ${next}`);
}

/**
 * Step 10 (multi-tenant deployments): a sample agent of the tenant signs in to GAX as Workspace Desktop Edition would
 * and must see exactly one hybrid_integration, its own tenant's; another tenant's object in view is a leaking ACL. The
 * sample agents of the deployment's other tenants must not have seen this tenant's object at their last checks.
 */
export const tenantIsolationStep = defineStep<Input, z.output<typeof agentSchema>>({
  key: TENANT_ISOLATION,
  title: "Tenant isolation check",
  description:
    "Signs in to GAX as a sample agent of this tenant and checks it sees only its own tenant's hybrid_integration, and that the other tenants' sample agents did not see it at their own last checks.",
  phase: "on-premises",
  dependsOn: [TRANSACTION_OBJECT],
  input,
  inputFrom: ({ tenant }) => ({ cfgTenantName: tenant.cfgTenantName }),
  when: { layout: "multi-tenant" },

  async plan(ctx) {
    const agent = await storedAgent(ctx);
    return { action: "check", changes: agent ? [] : [{ field: "sample agent", expected: "entered", actual: "" }] };
  },

  async apply(ctx) {
    const agent = await storedAgent(ctx);
    if (!agent) throw noAgent(ctx.input.cfgTenantName);
    const outcome = await check(ctx, { tenantName: ctx.input.cfgTenantName, agent, peers: true });
    if (outcome.unusable) throw unusableAgent(outcome.unusable);
    const own = outcome.report.agents[0];
    if (own?.problemKind === "check-failed") throw uncheckedAgent(own);
    if (outcome.problems.length > 0)
      throw new AppError(
        "conflict",
        `${outcome.summary} Fix the access control of the Transactions folders in GAX, then apply again.`,
      );
    return checkedResult(agent, outcome);
  },

  async verify(ctx) {
    const agent = await storedAgent(ctx);
    if (!agent) return { status: "missing", differences: [{ field: "sample agent", expected: "entered", actual: "" }] };
    const outcome = await check(ctx, { tenantName: ctx.input.cfgTenantName, agent, peers: true });
    // What an agent that cannot stand for the tenant saw says nothing about the tenant: it is not recorded.
    const observed = outcome.unusable ? undefined : observation(agent, outcome);
    return { status: outcome.problems.length === 0 ? "ok" : "drifted", differences: outcome.problems, observed };
  },

  manual: {
    schema: agentSchema,
    description: "a sample agent of this tenant (GAX username and password) for the isolation check",
    /** Stores the agent once it can sign in; whether isolation holds is judged by apply and verify. */
    async complete(ctx, values) {
      const agent = {
        username: values.username,
        password: values.password,
        passwordIsEncrypted: values.passwordIsEncrypted,
      };
      const outcome = await check(ctx, { tenantName: ctx.tenant.cfgTenantName, agent, peers: false });
      const own = outcome.report.agents[0];
      const refused = (message: string) => new AppError("invalid_input", `Sample agent ${values.username}${message}`);
      if (outcome.unusable) throw refused(` ${outcome.unusable.problem}.`);
      if (own?.problemKind === "check-failed") throw refused(`: ${own.problem}`);
      return checkedResult(agent, outcome, { [ISOLATION_AGENT_PASSWORD]: values.password });
    },
  },
});
