export { getDeployment as GET } from "@/lib/api-v1/handlers";
export { updateDeploymentRoute as PATCH } from "@/lib/api-v1/write-handlers";

export const dynamic = "force-dynamic";
