import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** The overview of an installation without tenants: the three things to do, in order, and where. */
export function EmptyInstallationGuide({ hasDeployment, canManage }: { hasDeployment: boolean; canManage: boolean }) {
  return (
    <Card data-testid="first-run-guide">
      <CardHeader>
        <CardTitle>Getting started</CardTitle>
        <CardDescription>
          No tenants are registered yet.{" "}
          {canManage ? "Three steps to the first provisioned tenant:" : "An admin or operator registers them:"}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <ol className="grid list-decimal gap-2 pl-5 text-sm">
          <li>
            <strong>Register the deployment</strong> on Deployments: its GAX URL and an account that may write to
            Configuration Server.{hasDeployment ? " Done: a deployment is registered." : ""}
          </li>
          <li>
            <strong>Add its tenants</strong> there (Add tenant): each Configuration Server tenant with its Genesys Cloud
            region and the org&apos;s bootstrap OAuth client, checked before it is saved.
          </li>
          <li>
            <strong>Plan, then Apply</strong> here: select tenants, Plan shows what Apply would change, Apply provisions
            them. Each tenant&apos;s checklist shows every step with its evidence; the scheduled re-verify flags drift.
          </li>
        </ol>
        {canManage ? (
          <div>
            <Button asChild>
              <Link href="/deployments">Go to deployments</Link>
            </Button>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
