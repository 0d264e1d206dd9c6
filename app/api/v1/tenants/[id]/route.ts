export { getTenant as GET } from "@/lib/api-v1/handlers";

export const dynamic = "force-dynamic";
