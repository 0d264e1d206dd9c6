import { SANDBOX_ADMIN } from "@/sandbox/gax/default-seed";
import { startTestSandbox } from "@/sandbox/gax/sandbox-test-kit";
import type { GaxSandboxOptions } from "@/sandbox/gax";
import type { ConfigServerBridge } from "./bridge";
import type { HybridIntegrationInput } from "./desired-object";
import { createGaxBridge } from "./gax-bridge";
import type { GaxSettingsInput } from "./gax-settings";

/** Provisioning data for tests (not real keys: the bridge treats them as opaque base64). */
export function sampleInput(overrides: Partial<HybridIntegrationInput> = {}): HybridIntegrationInput {
  return {
    orgShortName: "acme",
    orgId: "5f3b7c1e-9a2d-4e8f-b6c1-2d3e4f5a6b7c",
    regionDomain: "mypurecloud.de",
    samlIssuer: "https://www.genesys.com/pureengage",
    certificateBase64: "TUlJQ2VydGlmaWNhdGU=",
    encryptedKeyBase64: "RW5jcnlwdGVkS2V5QmFzZTY0",
    keyPassword: "key-password-1",
    samlAuthClientId: "saml-client",
    samlAuthClientSecret: "saml-secret-1",
    serviceClients: [
      { service: "Agent Pacing Service", section: "ewt", clientId: "ewt-client", clientSecret: "ewt-secret-1" },
    ],
    ...overrides,
  };
}

/** A sandbox with control endpoints and a bridge signed in as the GAX administrator of one deployment. */
export async function startBridgeKit(
  options: GaxSandboxOptions & { deployment?: string; settings?: Partial<GaxSettingsInput> } = {},
) {
  const { deployment = "multi", settings, ...sandboxOptions } = options;
  const kit = await startTestSandbox(sandboxOptions);
  const baseUrl = kit.sandbox.deploymentUrls[deployment] as string;
  const bridges: ConfigServerBridge[] = [];
  const bridge = (extra: Partial<GaxSettingsInput> = {}) => {
    const created = createGaxBridge({
      baseUrl,
      username: SANDBOX_ADMIN.username,
      password: SANDBOX_ADMIN.password,
      ...settings,
      ...extra,
    });
    bridges.push(created);
    return created;
  };
  return {
    ...kit,
    baseUrl,
    bridge,
    async close() {
      await Promise.all(bridges.map((created) => created.close()));
      await kit.sandbox.close();
    },
  };
}
