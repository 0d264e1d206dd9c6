import { startGaxSandbox } from "@/sandbox/gax";
import { startGenesysCloudSandbox } from "@/sandbox/genesys-cloud";

export type RunningSandboxes = { genesysCloudUrl: string; gaxUrls: Record<string, string>; close(): Promise<void> };

/** Both sandboxes inside the app's process, on their default seeds, without the control endpoints. */
export async function startSandboxes(ports: { genesysCloud: number; gax: number }): Promise<RunningSandboxes> {
  const genesysCloud = await startGenesysCloudSandbox({ port: ports.genesysCloud });
  try {
    const gax = await startGaxSandbox({ port: ports.gax });
    return {
      genesysCloudUrl: genesysCloud.url,
      gaxUrls: gax.deploymentUrls,
      close: async () => {
        await Promise.allSettled([genesysCloud.close(), gax.close()]);
      },
    };
  } catch (error) {
    await genesysCloud.close();
    throw new Error(
      `The GAX sandbox could not start on port ${ports.gax} (set GAX_SANDBOX_PORT, or SANDBOX=off): ${error instanceof Error ? error.message : error}`,
    );
  }
}
