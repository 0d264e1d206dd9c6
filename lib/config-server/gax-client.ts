import { setTimeout as sleep } from "node:timers/promises";
import { CookieJar } from "tough-cookie";
import { isTimeout, sendOutbound, type OutboundAnswer } from "@/lib/http/outbound-request";
import { countGaxCall, countGaxRetry } from "@/lib/observability/metrics";
import { ConfigServerError, GaxHttpError, GaxNetworkError, isTransient } from "./errors";

export interface GaxClientOptions {
  /** Where GAX is served, without /gax/api (it is added); e.g. http://gax.example:8080 */
  baseUrl: string;
  username: string;
  password: string;
  /** The password is the value GAX's web UI sends (isPasswordEncrypted: true). */
  passwordIsEncrypted: boolean;
  timeoutMs: number;
  /** Extra tries of read requests after a 5xx or a lost connection. */
  readRetries?: number;
}

export type Query = Record<string, string>;

/** Strips a trailing slash and a trailing /gax/api, so either form of base URL works. */
function gaxApiRoot(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, "").replace(/\/gax\/api$/, "")}/gax/api/`;
}

/** One GAX session: cookie jar, sign-in, one re-sign-in on 401, timeouts, retried reads. */
export class GaxClient {
  private readonly jar = new CookieJar();
  private readonly root: string;
  private signedIn = false;
  private signingIn: Promise<void> | undefined;

  constructor(private readonly options: GaxClientOptions) {
    this.root = gaxApiRoot(options.baseUrl);
  }

  get username() {
    return this.options.username;
  }

  /**
   * Signs in (again). GAX answers the sign-in with 204 and a session cookie, so the user is the one whose password it
   * accepted. No user/info check: the next request tells whether the session works, and a 401 there renews it once.
   */
  async signIn(): Promise<{ username: string }> {
    await this.renewSession();
    return { username: this.options.username };
  }

  /** Concurrent callers share one login request. */
  private async renewSession() {
    this.signedIn = false;
    this.signingIn ??= this.login().finally(() => {
      this.signingIn = undefined;
    });
    await this.signingIn;
  }

  async signOut(): Promise<void> {
    if (!this.signedIn) return;
    this.signedIn = false;
    await this.send("POST", "session/logout").catch(() => undefined);
  }

  async request<T>(method: string, path: string, options: { query?: Query; body?: unknown } = {}): Promise<T> {
    if (!this.signedIn) await this.renewSession();
    const tries = method === "GET" ? 1 + (this.options.readRetries ?? 2) : 1;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.requestWithRenewal<T>(method, path, options);
      } catch (error) {
        if (attempt >= tries || !isTransient(error)) throw error;
        countGaxRetry({ method, path: `/${path}`, reason: "transient" });
        await sleep(50 * attempt);
      }
    }
  }

  private async requestWithRenewal<T>(
    method: string,
    path: string,
    options: { query?: Query; body?: unknown },
  ): Promise<T> {
    try {
      return (await this.send(method, path, options)) as T;
    } catch (error) {
      if (!(error instanceof GaxHttpError) || error.status !== 401) throw error;
      countGaxRetry({ method, path: `/${path}`, reason: "session_renewed" });
      await this.renewSession();
      return (await this.send(method, path, options)) as T;
    }
  }

  private async login() {
    try {
      await this.send("POST", "session/login", {
        body: {
          username: this.options.username,
          password: this.options.password,
          isPasswordEncrypted: this.options.passwordIsEncrypted,
        },
      });
      this.signedIn = true;
    } catch (error) {
      throw signInError(this.options, error);
    }
  }

  private async send(method: string, path: string, options: { query?: Query; body?: unknown } = {}): Promise<unknown> {
    const url = new URL(path, this.root);
    for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = { accept: "application/json" };
    const cookie = await this.jar.getCookieString(url.href);
    if (cookie) headers.cookie = cookie;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    let response: OutboundAnswer;
    try {
      response = await sendOutbound(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        timeoutMs: this.options.timeoutMs,
      });
    } catch (error) {
      countGaxCall({ method, path: `/${path}`, status: isTimeout(error) ? "timeout" : "network_error" });
      throw new GaxNetworkError(method, url.pathname, error);
    }
    // Labelled with the path below /gax/api, the same whatever prefix the deployment's base URL has.
    countGaxCall({ method, path: `/${path}`, status: response.status });
    for (const setCookie of response.headers.getSetCookie()) await this.jar.setCookie(setCookie, url.href);
    const body = parseJson(response.text);
    if (!response.ok) {
      // A body without GAX's message field is never repeated: the host may not be GAX.
      const message =
        typeof body === "object" && body !== null && "message" in body
          ? String(body.message)
          : `HTTP ${response.status}, not a GAX error`;
      throw new GaxHttpError({ status: response.status, method, path: url.pathname, gaxMessage: message });
    }
    return body;
  }
}

/** What GAX requires of a user before it admits them (GAX deployment guide, "Logging In"). */
const GAX_SIGN_IN_RIGHTS = "Read and Execute on GAX's application object and Read on their own Person";

/** A refused sign-in, said for operators: 403 = the password was right but the user lacks the rights to sign in. */
function signInError(options: GaxClientOptions, error: unknown): unknown {
  if (!(error instanceof GaxHttpError) || error.status >= 500) return error;
  const refused = `GAX refused the sign-in of user "${options.username}" (${error.status}: ${error.gaxMessage}).`;
  if (error.status === 403) {
    return new ConfigServerError(
      "sign-in-not-permitted",
      `${refused} GAX admits only users with ${GAX_SIGN_IN_RIGHTS}: grant them to the user or its access group.`,
      { cause: error },
    );
  }
  const encrypted = options.passwordIsEncrypted
    ? " (given as an encrypted value)"
    : ", and whether this GAX accepts only encrypted passwords";
  return new ConfigServerError(
    "sign-in-failed",
    `${refused} Check the user name and password${encrypted}; GAX also refuses users without ${GAX_SIGN_IN_RIGHTS}.`,
    { cause: error },
  );
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
