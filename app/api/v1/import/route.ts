export { importFleetRoute as POST } from "@/lib/api-v1/write-handlers";

export const dynamic = "force-dynamic";
