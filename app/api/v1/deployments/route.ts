export { listDeployments as GET } from "@/lib/api-v1/handlers";
export { createDeploymentRoute as POST } from "@/lib/api-v1/write-handlers";

export const dynamic = "force-dynamic";
