export { applyTenant as POST } from "@/lib/api-v1/handlers";

export const dynamic = "force-dynamic";
