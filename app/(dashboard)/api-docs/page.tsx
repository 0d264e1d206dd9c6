import { ApiReference } from "@/components/api-docs/api-reference";
import { PageHeader } from "@/components/shell/page-header";
import { openApiDocument } from "@/lib/api-v1/openapi";
import { requirePagePermission } from "@/lib/auth/session";

export const metadata = { title: "API reference" };

export default async function ApiDocsPage() {
  await requirePagePermission("dashboard.view");
  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title="API reference"
        description="The HTTP API at /api/v1, from its OpenAPI 3.1 document (/api/v1/openapi.json). Authenticate with a personal API token from the API tokens page."
      />
      <ApiReference document={openApiDocument()} />
    </div>
  );
}
