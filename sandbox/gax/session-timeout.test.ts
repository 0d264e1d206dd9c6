import { describe, expect, it } from "vitest";
import { defaultGaxSeed, SANDBOX_ADMIN } from "./default-seed";
import { buildDeploymentState } from "./deployment-state";
import { parseGaxSeed } from "./seed-schema";
import { login, requireSession } from "./sessions";

describe("session idle timeout", () => {
  it("keeps a session alive while it is used and ends it after sessionTimeoutSeconds idle", () => {
    const state = buildDeploymentState(parseGaxSeed(defaultGaxSeed).deployments[0]!);
    const timeout = state.sessionTimeoutSeconds * 1000;
    const session = login(state, { ...SANDBOX_ADMIN, isPasswordEncrypted: false }, 0);
    expect(requireSession(state, session.id, timeout).id).toBe(session.id);
    expect(requireSession(state, session.id, 2 * timeout).id).toBe(session.id);
    expect(() => requireSession(state, session.id, 3 * timeout + 1)).toThrow(/No valid session/);
    expect(state.sessions.has(session.id)).toBe(false);
  });
});
