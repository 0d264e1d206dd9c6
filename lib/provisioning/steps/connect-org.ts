import { z } from "zod";
import { AppError } from "@/lib/errors";
import { preflightBootstrapClient, preflightNotices } from "../preflight/preflight";
import { defineStep, verificationFrom, type FieldDifference, type StepContext } from "../model/step";
import { CONNECT_ORG } from "../model/step-keys";

export const orgOutputsSchema = z.object({
  orgId: z.string().min(1),
  orgName: z.string(),
  orgShortName: z.string().min(1),
});
type OrgOutputs = z.output<typeof orgOutputsSchema>;

const input = z.object({ recorded: orgOutputsSchema.nullable() });
type Input = z.output<typeof input>;

async function readOrg(ctx: StepContext<Input>): Promise<OrgOutputs> {
  const org = await ctx.genesys().getOrganization();
  return { orgId: org.id, orgName: org.name, orgShortName: org.thirdPartyOrgName };
}

function differences(recorded: OrgOutputs | null, live: OrgOutputs): FieldDifference[] {
  return (["orgId", "orgName", "orgShortName"] as const)
    .filter((field) => recorded?.[field] !== live[field])
    .map((field) => ({ field, expected: live[field], actual: recorded?.[field] ?? "" }));
}

/** What the steps that apply need and the bootstrap client lacks, with what to do; empty when nothing is missing. */
async function accessProblems(ctx: StepContext<Input>): Promise<string[]> {
  return preflightNotices(await preflightBootstrapClient(ctx.genesys(), ctx.tenant, ctx.applicableSteps()));
}

/**
 * Step 1: the bootstrap credentials work, the bootstrap client holds what the other steps need (checked before any
 * step writes), and the org's id, name and short name are recorded.
 */
export const connectOrgStep = defineStep<Input>({
  key: CONNECT_ORG,
  title: "Connect the Genesys Cloud org",
  description:
    "Signs in with the bootstrap OAuth client you created in Genesys Cloud, checks that its roles hold every " +
    "permission the other steps need, and records the org's name, short name and id.",
  phase: "genesys-cloud",
  dependsOn: [],
  input,
  inputFrom: ({ tenant }) => ({
    recorded: tenant.org
      ? { orgId: tenant.org.id, orgName: tenant.org.name, orgShortName: tenant.org.shortName }
      : null,
  }),

  async plan(ctx) {
    const changes = differences(ctx.input.recorded, await readOrg(ctx));
    const notices = await accessProblems(ctx);
    const action = ctx.input.recorded ? (changes.length > 0 ? "update" : "none") : "create";
    return { action, changes, ...(notices.length > 0 ? { notices } : {}) };
  },

  async apply(ctx) {
    const live = await readOrg(ctx);
    const { recorded } = ctx.input;
    if (recorded && recorded.orgId !== live.orgId) {
      throw new AppError(
        "conflict",
        `The bootstrap client now signs in to org ${live.orgShortName} (${live.orgId}), but this tenant was provisioned in org ${recorded.orgShortName} (${recorded.orgId}). Enter the bootstrap client of the original org.`,
      );
    }
    // Before any step writes: apply stops here when the bootstrap client lacks something a later step needs.
    const problems = await accessProblems(ctx);
    if (problems.length > 0) throw new AppError("precondition_failed", `Nothing was changed. ${problems.join(" ")}`);
    const changes = differences(recorded, live);
    return {
      result: !recorded ? "created" : changes.length > 0 ? "updated" : "unchanged",
      outputs: live,
      changes: changes.map((change) => `${change.field}: ${change.expected}`),
      org: { id: live.orgId, name: live.orgName, shortName: live.orgShortName },
    };
  },

  async verify(ctx) {
    if (!ctx.input.recorded)
      return { status: "missing", differences: [{ field: "org", expected: "recorded", actual: "" }] };
    return verificationFrom(differences(ctx.input.recorded, await readOrg(ctx)));
  },
});
