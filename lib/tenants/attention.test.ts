import { describe, expect, it } from "vitest";
import { attentionOf, type AttentionStep } from "./attention";

const step = (key: string, status: AttentionStep["status"], extra: Partial<AttentionStep> = {}): AttentionStep => ({
  key,
  title: `Step ${key}`,
  status,
  verifyStatus: null,
  drift: [],
  lastStepRun: null,
  ...extra,
});
const valid = { state: "valid", expiresAt: new Date("2036-01-01"), daysLeft: 3000 } as const;

describe("what needs attention on a tenant's page", () => {
  it("is nothing for a provisioned tenant with a valid certificate", () => {
    expect(attentionOf([step("a", "done"), step("b", "not-needed")], valid)).toEqual([]);
  });

  it("lists failures, then input, then drift, then the certificate, each linking its step", () => {
    const steps = [
      step("role", "drifted", { verifyStatus: "drifted", drift: [{}, {}, {}] }),
      step("idp", "drifted", { verifyStatus: "missing" }),
      step("isolation", "needs-input", { lastStepRun: { status: "needs-input", operatorMessage: "Enter an agent." } }),
      step("smoke", "failed", { lastStepRun: { status: "failed", operatorMessage: "The smoke test failed." } }),
      step("object", "drifted", { verifyStatus: "drifted", drift: [{}] }),
    ];
    const expiring = { state: "expiring", expiresAt: new Date("2027-01-01"), daysLeft: 12 } as const;
    expect(attentionOf(steps, expiring)).toEqual([
      { kind: "failed", stepKey: "smoke", title: "Step smoke", detail: "The smoke test failed." },
      { kind: "needs-input", stepKey: "isolation", title: "Step isolation", detail: "Enter an agent." },
      { kind: "drifted", stepKey: "role", title: "Step role", detail: "3 fields differ from what was applied." },
      { kind: "drifted", stepKey: "idp", title: "Step idp", detail: "Missing at the last verification." },
      { kind: "drifted", stepKey: "object", title: "Step object", detail: "1 field differs from what was applied." },
      { kind: "certificate", stepKey: null, title: "SAML certificate", detail: "Expires in 12 days: rotate it." },
    ]);
  });

  it("names an expired certificate", () => {
    const expired = { state: "expired", expiresAt: new Date("2026-01-01"), daysAgo: 3 } as const;
    expect(attentionOf([], expired)).toEqual([
      { kind: "certificate", stepKey: null, title: "SAML certificate", detail: "Expired 3 days ago: rotate it." },
    ]);
  });
});
