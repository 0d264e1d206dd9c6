import { notFound } from "next/navigation";
import { z } from "zod";

/** The tenant id of a tenant page's URL; anything but a UUID is a page that does not exist. */
export async function tenantIdOf(params: Promise<{ id: string }>): Promise<string> {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  return id;
}
