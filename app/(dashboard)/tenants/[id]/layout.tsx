import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getDb } from "@/lib/db/client";
import { tenantIdOf } from "./tenant-id";

/**
 * A tenant that does not exist is a 404 before anything streams: the pages below show a loading state first, and a
 * page that has started streaming can no longer change its status.
 */
export default async function TenantLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const id = await tenantIdOf(params);
  if (!(await getDb().tenant.findUnique({ where: { id }, select: { id: true } }))) notFound();
  return children;
}
