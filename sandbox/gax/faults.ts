import { z } from "zod";
import { seededRandom } from "@/sandbox/shared/seeded-random";

const status5xx = z.number().int().min(500).max(599);

const faultRule = z
  .object({
    method: z.enum(["GET", "POST", "PUT", "DELETE"]).optional(),
    /** Matches when the request path (after /gax/api) contains this text. */
    pathIncludes: z.string().optional(),
    action: z.enum(["error", "drop"]),
    /** "before": the request is not processed; "after": it is processed, then the answer is lost or replaced. */
    phase: z.enum(["before", "after"]).default("before"),
    status: status5xx.default(503),
    times: z.number().int().positive().default(1),
  })
  .strict();

export const faultConfigSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(60_000).default(0),
    /** Share of API requests answered with `errorStatus` before they are processed. */
    errorRate: z.number().min(0).max(1).default(0),
    errorStatus: status5xx.default(503),
    /** Share of API requests whose connection is destroyed, half before and half after processing. */
    dropRate: z.number().min(0).max(1).default(0),
    /** Seed of the pseudo-random choices, so a run with rates can be repeated. */
    randomSeed: z.number().int().default(1),
    /** Deterministic faults, each used up after `times` matching requests. */
    rules: z.array(faultRule).default([]),
    /** Every open session becomes invalid now. */
    expireSessionsNow: z.boolean().default(false),
    /** Every open session becomes invalid after this many further API requests. */
    expireSessionsAfterRequests: z.number().int().positive().optional(),
  })
  .strict();

type FaultConfig = z.output<typeof faultConfigSchema>;
/** Body of POST /__sandbox/faults (defaults optional). */
export type FaultConfigInput = z.input<typeof faultConfigSchema>;
type FaultDecision =
  | { action: "none" }
  | { action: "error"; phase: "before" | "after"; status: number }
  | { action: "drop"; phase: "before" | "after" };

export class FaultInjector {
  private config: FaultConfig = faultConfigSchema.parse({});
  private next = seededRandom(1);
  private requestsUntilExpiry: number | undefined;

  configure(config: FaultConfig) {
    this.config = structuredClone(config);
    this.next = seededRandom(config.randomSeed);
    this.requestsUntilExpiry = config.expireSessionsAfterRequests;
  }

  describe() {
    return { ...structuredClone(this.config), requestsUntilSessionExpiry: this.requestsUntilExpiry };
  }

  get latencyMs() {
    return this.config.latencyMs;
  }

  /** Counts one API request; true when sessions must expire now. */
  sessionsExpireNow(): boolean {
    if (this.requestsUntilExpiry === undefined) return false;
    this.requestsUntilExpiry -= 1;
    if (this.requestsUntilExpiry > 0) return false;
    this.requestsUntilExpiry = undefined;
    return true;
  }

  decide(method: string, path: string): FaultDecision {
    const rule = this.config.rules.find(
      (candidate) =>
        candidate.times > 0 &&
        (!candidate.method || candidate.method === method) &&
        (!candidate.pathIncludes || path.includes(candidate.pathIncludes)),
    );
    if (rule) {
      rule.times -= 1;
      return rule.action === "drop"
        ? { action: "drop", phase: rule.phase }
        : { action: "error", phase: rule.phase, status: rule.status };
    }
    const roll = this.next();
    if (roll < this.config.dropRate) return { action: "drop", phase: this.next() < 0.5 ? "before" : "after" };
    if (roll < this.config.dropRate + this.config.errorRate)
      return { action: "error", phase: "before", status: this.config.errorStatus };
    return { action: "none" };
  }
}
