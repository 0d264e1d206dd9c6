// Fault injection: latency, 5xx answers, dropped connections and 429 bursts, optionally per path and method.
import { z } from "zod";
import { seededRandom } from "@/sandbox/shared/seeded-random";

const share = z.number().min(0).max(1);

export const faultRuleSchema = z.object({
  /** Path prefix the rule applies to (default: every path but the control endpoints). */
  path: z.string().startsWith("/").optional(),
  method: z.string().toUpperCase().optional(),
  /** Apply the rule to at most this many matching requests (e.g. exactly one 429 for a test), then never again. */
  limit: z.number().int().min(1).optional(),
  /** Added to every matching answer, after the request has been handled. */
  latencyMs: z.number().int().min(0).default(0),
  jitterMs: z.number().int().min(0).default(0),
  /** Share of matching requests answered with one of `errorStatuses` instead of being handled. */
  errorRate: share.default(0),
  errorStatuses: z
    .array(z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]))
    .min(1)
    .default([500, 503, 504]),
  /** Share of matching requests whose connection is cut after they were handled (the change is kept). */
  dropRate: share.default(0),
  /** With probability `rate`, a request starts a burst: it and the next `length - 1` matching requests get 429. */
  burst429: z
    .object({
      rate: share,
      length: z.number().int().min(1).default(3),
      retryAfterSeconds: z.number().int().min(0).default(1),
    })
    .optional(),
});

export const faultConfigSchema = z.object({
  rules: z.array(faultRuleSchema).default([]),
  /** Makes the random choices repeatable. */
  randomSeed: z.number().int().optional(),
  /**
   * Eventual consistency: a new OAuth client, a regenerated secret, a put or deleted PureEngage provider and a changed
   * role take effect only this many seconds later; until then the state before the change holds (0: at once).
   */
  propagationDelaySeconds: z
    .number()
    .min(0, "must be 0 or more seconds")
    .max(3600, "must be at most 3600 seconds")
    .default(0),
});

type FaultRule = z.output<typeof faultRuleSchema>;
type FaultConfig = z.output<typeof faultConfigSchema>;
export type FaultConfigInput = z.input<typeof faultConfigSchema> | z.input<typeof faultRuleSchema>;

const CONFIG_KEYS = ["rules", "randomSeed", "propagationDelaySeconds"];

/** Accepts either `{rules: [...], randomSeed?, propagationDelaySeconds?}` or a single rule. */
function parseFaultConfig(input: unknown): FaultConfig {
  const isConfig = input && typeof input === "object" && CONFIG_KEYS.some((key) => key in input);
  const candidate = input && typeof input === "object" && !isConfig ? { rules: [input] } : input;
  const result = faultConfigSchema.safeParse(candidate ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(`faults.${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
}

interface FaultDecision {
  /** Answer with this instead of handling the request. */
  replace?: { status: number; retryAfterSeconds?: number };
  delayMs: number;
  drop: boolean;
}

export class FaultInjector {
  private config: FaultConfig = { rules: [], propagationDelaySeconds: 0 };
  private random: () => number = Math.random;
  private burstsLeft = new Map<FaultRule, { left: number; retryAfterSeconds: number }>();
  private applied = new Map<FaultRule, number>();

  set(input: unknown): FaultConfig {
    this.config = parseFaultConfig(input);
    this.random = this.config.randomSeed === undefined ? Math.random : seededRandom(this.config.randomSeed);
    this.burstsLeft = new Map();
    this.applied = new Map();
    return this.config;
  }

  current(): FaultConfig {
    return this.config;
  }

  propagationDelayMs(): number {
    return this.config.propagationDelaySeconds * 1000;
  }

  decide(method: string, path: string): FaultDecision {
    const rule = this.config.rules.find(
      (r) =>
        (!r.path || path.startsWith(r.path)) &&
        (!r.method || r.method === method) &&
        (r.limit === undefined || (this.applied.get(r) ?? 0) < r.limit),
    );
    if (!rule) return { delayMs: 0, drop: false };
    this.applied.set(rule, (this.applied.get(rule) ?? 0) + 1);
    const delayMs = rule.latencyMs + Math.round(this.random() * rule.jitterMs);
    const burst = this.burstsLeft.get(rule);
    if (burst && burst.left > 0) {
      burst.left -= 1;
      return { replace: { status: 429, retryAfterSeconds: burst.retryAfterSeconds }, delayMs, drop: false };
    }
    if (rule.burst429 && this.random() < rule.burst429.rate) {
      this.burstsLeft.set(rule, { left: rule.burst429.length - 1, retryAfterSeconds: rule.burst429.retryAfterSeconds });
      return { replace: { status: 429, retryAfterSeconds: rule.burst429.retryAfterSeconds }, delayMs, drop: false };
    }
    if (this.random() < rule.errorRate) {
      const status = rule.errorStatuses[Math.floor(this.random() * rule.errorStatuses.length)] ?? 500;
      return { replace: { status }, delayMs, drop: false };
    }
    return { delayMs, drop: this.random() < rule.dropRate };
  }
}
