import { randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { forbidden, invalid, unauthorized } from "./api-errors";
import { MASK } from "./cfg-types";
import { gaxApplicationOf, getObject, type DeploymentState, type Session } from "./deployment-state";
import type { CfgObjectOf } from "./object-schemas";
import { can } from "./permissions";
import { firstIssue } from "./zod-issue";

export const SESSION_COOKIE = "JSESSIONID";

const loginBody = z
  .object({
    username: z.string().min(1, "is required"),
    password: z.string(),
    isPasswordEncrypted: z.boolean().default(false),
  })
  .strict();

function sameSecret(a: string, b: string) {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * GAX admits a person with Read and Execute on the GAX application object and Read on their own Person (the GAX
 * deployment guide's login prerequisites); the default account has full control.
 */
function accessRefusal(state: DeploymentState, person: CfgObjectOf<"CfgPerson">): string | undefined {
  const application = gaxApplicationOf(state);
  const missing: string[] = [];
  if (!application || !can(state, person.dbid, { object: application, bit: MASK.read | MASK.execute })) {
    missing.push(`Read and Execute on the application "${state.gaxApplication}"`);
  }
  if (!can(state, person.dbid, { object: person, bit: MASK.read })) missing.push("Read on its own Person");
  if (missing.length === 0) return undefined;
  return `User "${person.username}" may not sign in to GAX: it lacks ${missing.join(" and ")}`;
}

/** Signs a person in (403 without the access above); "encrypted-only" mode accepts only the obscured password. */
export function login(state: DeploymentState, body: unknown, now: number): Session {
  const parsed = loginBody.safeParse(body);
  if (!parsed.success) throw invalid(firstIssue(parsed.error));
  const { username, password, isPasswordEncrypted } = parsed.data;
  if (state.passwordMode === "encrypted-only" && !isPasswordEncrypted) {
    throw unauthorized("isPasswordEncrypted: this GAX accepts only encrypted passwords");
  }
  const person = [...state.objects.CfgPerson.values()].find(
    (object): object is CfgObjectOf<"CfgPerson"> => object.type === "CfgPerson" && object.username === username,
  );
  const credentials = person ? state.credentials.get(person.dbid) : undefined;
  const expected = isPasswordEncrypted ? credentials?.obscured : credentials?.plain;
  if (!person || person.state !== "CFGEnabled" || expected === undefined || !sameSecret(expected, password)) {
    throw unauthorized("Invalid user name or password");
  }
  const refusal = accessRefusal(state, person);
  if (refusal) throw forbidden(refusal);
  const session: Session = { id: randomBytes(16).toString("hex"), personDbid: person.dbid, lastUsed: now };
  state.sessions.set(session.id, session);
  return session;
}

/** The live session named by the cookie, or a 401; using a session renews its idle timeout. */
export function requireSession(state: DeploymentState, sessionId: string | undefined, now: number): Session {
  const session = sessionId ? state.sessions.get(sessionId) : undefined;
  if (
    !session ||
    now - session.lastUsed > state.sessionTimeoutSeconds * 1000 ||
    !getObject(state, "CfgPerson", session.personDbid)
  ) {
    if (session) state.sessions.delete(session.id);
    throw unauthorized("No valid session: sign in with POST /gax/api/session/login");
  }
  session.lastUsed = now;
  return session;
}

export function userInfo(state: DeploymentState, session: Session) {
  const person = getObject(state, "CfgPerson", session.personDbid);
  const isDefaultUser = state.credentials.get(session.personDbid)?.isDefaultUser ?? false;
  return {
    username: person?.username ?? "",
    userType: "CONFIG_SERVER",
    sessionTimeout: state.sessionTimeoutSeconds,
    isDefaultUser,
    writeDefault: false,
  };
}
