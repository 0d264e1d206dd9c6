import { describe, expect, it } from "vitest";
import { groupRunEvents, runIdOf } from "@/lib/audit/run-groups";

const event = (seq: number, action: string, runId?: string) => ({
  seq,
  action,
  details: runId ? { runId, correlationId: `c-${runId}` } : { email: "a@example.test" },
});

describe("groupRunEvents", () => {
  it("gathers a run's step events under its finish, where the run's newest event was", () => {
    const page = [
      event(9, "auth.sign_out"),
      event(8, "run.finish", "r1"),
      event(7, "step.succeed", "r1"),
      event(6, "auth.sign_in"),
      event(5, "step.start", "r1"),
      event(4, "run.start", "r1"),
    ];
    const entries = groupRunEvents(page);
    expect(entries.map((entry) => (entry.kind === "run" ? `run ${entry.head.seq}` : entry.event.seq))).toEqual([
      9,
      "run 8",
      6,
    ]);
    const run = entries[1]!;
    expect(run.kind === "run" && run.members.map((member) => member.seq)).toEqual([7, 5, 4]);
  });

  it("heads a run still going with its start, and a run without run events on the page with its newest event", () => {
    const going = groupRunEvents([event(3, "step.start", "r2"), event(2, "run.start", "r2")]);
    expect(going).toMatchObject([{ kind: "run", runId: "r2", head: { seq: 2 }, members: [{ seq: 3 }] }]);
    const stepsOnly = groupRunEvents([event(5, "step.succeed", "r3"), event(4, "step.start", "r3")]);
    expect(stepsOnly).toMatchObject([{ kind: "run", head: { seq: 5 }, members: [{ seq: 4 }] }]);
  });

  it("keeps a run's only event on the page, and events of different runs, as they are", () => {
    const entries = groupRunEvents([
      event(3, "run.finish", "a"),
      event(2, "run.finish", "b"),
      event(1, "auth.sign_in"),
    ]);
    expect(entries.map((entry) => entry.kind)).toEqual(["event", "event", "event"]);
  });
});

describe("runIdOf", () => {
  it("reads a run id only from an object's runId text", () => {
    expect(runIdOf({ runId: "r1" })).toBe("r1");
    expect(runIdOf({ runId: "" })).toBeNull();
    expect(runIdOf({ runId: 3 })).toBeNull();
    expect(runIdOf(["r1"])).toBeNull();
    expect(runIdOf(null)).toBeNull();
  });
});
