/** The SQLSTATE of a database error as Prisma's driver adapter passes it on, or undefined for any other error. */
export function sqlStateOf(error: unknown): string | undefined {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } })?.meta;
  return meta?.driverAdapterError?.cause?.originalCode;
}
