export { getTenant as GET } from "@/lib/api-v1/handlers";
export { updateTenantRoute as PATCH } from "@/lib/api-v1/write-handlers";

export const dynamic = "force-dynamic";
