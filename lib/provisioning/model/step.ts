import type { z } from "zod";
import type { ConfigServerBridge } from "@/lib/config-server/bridge";
import type { GenesysCloudClient, GenesysCloudCredentials } from "@/lib/genesys-cloud";
import type { StepPropagation } from "./propagation";
import type { StepWhen } from "./step-condition";
import type { TenantView } from "./tenant-view";

export const PHASES = ["genesys-cloud", "key-material", "on-premises", "network", "smoke-test"] as const;
export type Phase = (typeof PHASES)[number];

export type StepOutputs = Record<string, unknown>;

/** One field that differs between desired and live state; secret values are shown masked. */
export interface FieldDifference {
  field: string;
  expected: string;
  actual: string;
}

/** What apply would do, without doing it. "pending": it depends on steps not applied yet. "check": a read-only test. */
export interface StepPlan {
  action: "create" | "update" | "none" | "check" | "pending";
  changes: FieldDifference[];
  waitingFor?: string[];
  /** Side effects and caveats an operator must read before apply (e.g. who gets licensed); shown with the plan. */
  notices?: string[];
}

export interface StepVerification {
  status: "ok" | "drifted" | "missing";
  differences: FieldDifference[];
  /** What a check saw that later checks (of other tenants) read: merged into the outputs of a done step. Never secrets. */
  observed?: StepOutputs;
}

export interface RegeneratedSecret {
  objectKind: string;
  objectId: string;
  purpose: string;
  reason: string;
}

export interface StepApplyResult {
  result: "created" | "updated" | "unchanged" | "checked";
  /** Stored on the step state; never secrets. */
  outputs: StepOutputs;
  /** Purpose -> value; sealed in the transaction that marks the step done. */
  secrets?: Record<string, string>;
  /** Purposes of sealed secrets the step no longer needs; deleted in the same transaction. */
  discardSecrets?: string[];
  regenerated?: RegeneratedSecret[];
  /** Short descriptions of what changed, for the audit log. */
  changes: string[];
  /** External objects this step owns (created now or found by marker): their intents are marked done. */
  externalObjects?: { kind: string; marker: string; id: string }[];
  /** Org details read by the connect step. */
  org?: { id: string; name: string; shortName: string };
  /** Expiry of the SAML signing certificate now in use, set by the key-material step. */
  certificateExpiresAt?: Date;
}

/** The previous state of this step for this tenant. */
export interface PreviousState {
  status: string;
  outputs: StepOutputs;
  manual: boolean;
}

/** This step's state on another tenant of the same deployment. */
export interface PeerState {
  tenantName: string;
  outputs: StepOutputs;
}

export interface StepContext<Input> {
  input: Input;
  tenant: TenantView;
  previous: PreviousState | null;
  /** The org, signed in with the tenant's bootstrap client. */
  genesys(): GenesysCloudClient;
  /** The same org with other credentials (a created client, or a token from a SAML2 bearer exchange). */
  genesysAs(credentials: GenesysCloudCredentials): GenesysCloudClient;
  bridge(): Promise<ConfigServerBridge>;
  /** A sealed secret of this tenant, opened; undefined when none is stored. */
  secret(purpose: string): Promise<string | undefined>;
  /** The other tenants of this deployment where this step is done, with their outputs (e.g. what their checks saw). */
  peerStates(): Promise<PeerState[]>;
  /** Records (and commits) the intent to create an external object, before the create call. */
  beforeCreate(kind: string, marker: string): Promise<void>;
  /** Reports the object a create returned; a crash simulated here leaves the intent pending. */
  afterCreate(kind: string, marker: string, objectId: string): Promise<void>;
  /** How long Genesys Cloud may refuse a recent change, and when the provisioner last made one (propagation.ts). */
  propagation: StepPropagation;
  /** The catalogue's steps that apply to this tenant (e.g. what the connect step's preflight checks access for). */
  applicableSteps(): { key: string; title: string }[];
}

export interface ManualCompletion<Values> {
  schema: z.ZodType<Values>;
  /** What the operator enters, e.g. "the client id and secret". */
  description: string;
  complete(ctx: StepContext<unknown>, values: Values): Promise<StepApplyResult>;
}

/** Outputs of the steps this step depends on (only those that are done), and the tenant. */
export interface InputSource {
  tenant: TenantView;
  outputs: Partial<Record<string, StepOutputs>>;
}

export interface Step<Input = unknown, Manual = unknown> {
  key: string;
  title: string;
  /** One or two sentences for operators: what the step does in their terms. */
  description: string;
  phase: Phase;
  dependsOn: readonly string[];
  input: z.ZodType<Input>;
  inputFrom(source: InputSource): unknown;
  /**
   * When the step applies (e.g. only with the Agent Pacing Service), as data: the engine, the overview's database
   * filters and the counters all derive from it (step-condition.ts). Default: always.
   */
  when?: StepWhen;
  /** What applying this step does in the customer's org beyond its own objects (licences, users), said before apply. */
  sideEffects?(tenant: TenantView): string[];
  /** Caveats that follow from the tenant's settings alone: in every plan, also while the step waits for others. */
  planNotices?(tenant: TenantView): string[];
  plan(ctx: StepContext<Input>): Promise<StepPlan>;
  apply(ctx: StepContext<Input>): Promise<StepApplyResult>;
  verify(ctx: StepContext<Input>): Promise<StepVerification>;
  manual?: ManualCompletion<Manual>;
}

/** Keeps each step's own input type while the catalogue holds them together. */
export function defineStep<Input, Manual = never>(step: Step<Input, Manual>): Step<Input, Manual> {
  return step;
}

export function verificationFrom(differences: FieldDifference[]): StepVerification {
  return { status: differences.length === 0 ? "ok" : "drifted", differences };
}
