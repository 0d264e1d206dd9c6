import Link from "next/link";

/** Tenants / <tenant> / <page>, for a tenant's pages; without `page`, the tenant is the current page. */
export function TenantBreadcrumb({
  tenantId,
  tenantName,
  page,
  className,
}: {
  tenantId: string;
  tenantName: string;
  page?: string;
  className?: string;
}) {
  // Underlined, not only coloured: links in a line of text must not rely on colour alone.
  const link = "text-muted-foreground underline underline-offset-2 hover:text-foreground";
  const separator = (
    <span aria-hidden="true" className="px-1 text-muted-foreground">
      /
    </span>
  );
  return (
    <nav aria-label="Breadcrumb" className={className ?? "text-sm"}>
      <Link href="/tenants" className={link}>
        Tenants
      </Link>
      {separator}
      {page ? (
        <>
          <Link href={`/tenants/${tenantId}`} className={link}>
            {tenantName}
          </Link>
          {separator}
          <span aria-current="page">{page}</span>
        </>
      ) : (
        <span aria-current="page">{tenantName}</span>
      )}
    </nav>
  );
}
