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

function check(ctx: StepContext<unknown>, tenantName: string, agent: StoredAgent): Promise<TenantIsolationReport> {
  return ctx.bridge().then((bridge) => bridge.checkTenantIsolation([{ tenantName, ...agent }]));
}

/** The leaks and problems of a report as differences. */
function problemsOf(report: TenantIsolationReport): FieldDifference[] {
  return report.agents.filter((agent) => !agent.ok).map((agent) => ({ field: `${agent.username} (${agent.tenantName})`, expected: "sees only its own tenant's hybrid_integration", actual: agent.problem ?? "" }));
}

function checkedResult(agent: StoredAgent, report: TenantIsolationReport, secrets?: Record<string, string>): StepApplyResult {
  return { result: "checked", outputs: { agentUsername: agent.username, passwordIsEncrypted: agent.passwordIsEncrypted, seesTenants: report.agents[0]?.seesTenants ?? [] }, secrets, changes: [report.summary] };
}

/**
 * Step 10 (multi-tenant deployments): a sample agent of the tenant signs in to GAX as Workspace Desktop Edition would
 * and must see exactly one hybrid_integration, its own tenant's; another tenant's object in view is a leaking ACL.
 */
export const tenantIsolationStep = defineStep<Input, z.output<typeof agentSchema>>({
  key: TENANT_ISOLATION,
  title: "Tenant isolation check",
  description: "Signs in to GAX as a sample agent of this tenant and checks it sees only its own tenant's hybrid_integration, not another tenant's.",
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
    const report = await check(ctx, ctx.input.cfgTenantName, agent);
    if (!report.passed) throw new AppError("conflict", report.summary);
    return checkedResult(agent, report);
  },

  async verify(ctx) {
    const agent = await storedAgent(ctx);
    if (!agent) return { status: "missing", differences: [{ field: "sample agent", expected: "entered", actual: "" }] };
    const problems = problemsOf(await check(ctx, ctx.input.cfgTenantName, agent));
    return { status: problems.length === 0 ? "ok" : "drifted", differences: problems };
  },

  manual: {
    schema: agentSchema,
    description: "a sample agent of this tenant (GAX username and password) for the isolation check",
    /** Stores the agent once it can sign in; whether isolation holds is judged by apply and verify. */
    async complete(ctx, values) {
      const agent = { username: values.username, password: values.password, passwordIsEncrypted: values.passwordIsEncrypted };
      const report = await check(ctx, ctx.tenant.cfgTenantName, agent);
      const signInProblem = report.agents[0]?.problem?.startsWith("could not check") ? report.agents[0].problem : undefined;
      if (signInProblem) throw new AppError("invalid_input", `Sample agent ${values.username}: ${signInProblem}`);
      return checkedResult(agent, report, { [ISOLATION_AGENT_PASSWORD]: values.password });
    },
  },
});
