import { assertAllowedGaxHost, assertOutboundUrl } from "@/lib/http/outbound-policy";
import { ConfigServerError, GaxHttpError } from "@/lib/config-server/errors";
import type { ConfigServerBridge } from "@/lib/config-server/bridge";
import type { GaxSettingsInput } from "@/lib/config-server/gax-settings";
import { AppError } from "@/lib/errors";
import { deploymentBridge } from "../engine/connections";
import { describeFailure } from "../engine/failures";

export interface GaxConnectionSettings {
  gaxBaseUrl: string;
  gaxUsername: string;
  gaxPassword: string;
  gaxPasswordEncrypted: boolean;
}

/** A sign-in to GAX: whether it was accepted, what to tell the operator, and the field to fix when it was not. */
export type GaxConnectionCheck =
  | { ok: true; message: string; checkedAt: Date }
  | { ok: false; message: string; field: "gaxBaseUrl" | "gaxPassword"; checkedAt: Date };

/** Which field a refusal is about: the password when GAX answered and refused the user, else the URL. */
function fieldOf(error: unknown): "gaxBaseUrl" | "gaxPassword" {
  if (error instanceof ConfigServerError && error.code.startsWith("sign-in")) return "gaxPassword";
  return error instanceof GaxHttpError && (error.status === 401 || error.status === 403) ? "gaxPassword" : "gaxBaseUrl";
}

/**
 * Signs in to GAX with these settings, as a run would: the outbound policy first (a refused target gets the
 * policy's message and nothing is sent), then GAX's own sign-in. Saves nothing.
 */
export async function testGaxConnection(
  settings: GaxConnectionSettings,
  gax: Partial<GaxSettingsInput> = {},
): Promise<GaxConnectionCheck> {
  let bridge: ConfigServerBridge | undefined;
  try {
    assertAllowedGaxHost(settings.gaxBaseUrl);
    await assertOutboundUrl(settings.gaxBaseUrl, "gaxBaseUrl");
    bridge = deploymentBridge({ ...settings, annexSection: "general" }, settings.gaxPassword, {
      timeoutMs: 10_000,
      ...gax,
    });
    const { username } = await bridge.signIn();
    return { ok: true, message: `GAX accepted the sign-in of user "${username}".`, checkedAt: new Date() };
  } catch (error) {
    if (error instanceof AppError)
      return { ok: false, message: error.message, field: "gaxBaseUrl", checkedAt: new Date() };
    const failure = describeFailure(error, "Signing in to GAX", "connection-test");
    return { ok: false, message: failure.message, field: fieldOf(error), checkedAt: new Date() };
  } finally {
    await bridge?.close().catch(() => undefined);
  }
}

/** The refusal of a deployment GAX did not accept, naming the field to fix. */
export function connectionRefusal(check: Extract<GaxConnectionCheck, { ok: false }>): AppError {
  return new AppError("invalid_input", `GAX did not accept the connection: ${check.message}`, {
    [check.field]: [check.message],
  });
}
