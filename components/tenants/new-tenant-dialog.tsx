"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { checkBootstrapAction, createTenantAction } from "./actions";
import { optionalText, text } from "@/components/deployments/form-values";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SelectField } from "@/components/ui/select-field";
import { GENESYS_CLOUD_REGIONS } from "@/lib/genesys-cloud/regions";
import { DEFAULT_SERVICES, SERVICES, type ServiceKey } from "@/lib/provisioning/client-safe";
import { RegionHosts } from "./region-hosts";

type DeploymentChoice = { id: string; name: string; layout: string };

const NO_REGION = "none";
const CFG_TENANT_HELP =
  "The tenant's name in Configuration Server. Leave empty in a single-tenant deployment: it is the deployment's " +
  "tenant, Environment or Resources.";
type Check = { ok: true; orgName: string; orgShortName: string } | { ok: false; message: string };

function readForm(form: HTMLFormElement, region: string) {
  const data = new FormData(form);
  return {
    deploymentId: text(data, "deploymentId"),
    cfgTenantName: optionalText(data, "cfgTenantName"),
    region: region === NO_REGION ? undefined : region,
    loginBaseUrl: optionalText(data, "loginBaseUrl"),
    apiBaseUrl: optionalText(data, "apiBaseUrl"),
    bootstrapClientId: text(data, "bootstrapClientId").trim(),
    bootstrapClientSecret: text(data, "bootstrapClientSecret"),
  };
}

export function NewTenantDialog({
  deployments,
  defaultDeploymentId,
  triggerLabel = "New tenant",
}: {
  deployments: DeploymentChoice[];
  defaultDeploymentId?: string;
  triggerLabel?: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [checking, startCheck] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [check, setCheck] = useState<Check | null>(null);
  const [region, setRegion] = useState<string>(NO_REGION);
  const [services, setServices] = useState<readonly ServiceKey[]>(DEFAULT_SERVICES);
  const [form, setForm] = useState<HTMLFormElement | null>(null);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setErrors({});
      setFormError(null);
      setCheck(null);
      setRegion(NO_REGION);
    }
  }

  function onTest() {
    if (!form) return;
    const values = readForm(form, region);
    startCheck(async () => {
      const result = await checkBootstrapAction(values);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setCheck({ ok: false, message: result.error });
        return;
      }
      setCheck(result.data);
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = readForm(event.currentTarget, region);
    startTransition(async () => {
      const result = await createTenantAction({ ...values, services: [...services] });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setFormError(result.error);
        toast.error("Could not register the tenant", { description: result.error });
        return;
      }
      toast.success(`Tenant ${result.data.cfgTenantName} registered`, {
        description: `Connected to org ${result.data.orgName}.`,
      });
      onOpenChange(false);
      router.refresh();
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant={defaultDeploymentId ? "outline" : "primary"} size={defaultDeploymentId ? "sm" : "md"}>
          <Plus aria-hidden="true" /> {triggerLabel}
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>New tenant</DialogTitle>
          <DialogDescription>
            Pairs a Configuration Server tenant with its Genesys Cloud org. The bootstrap credentials are tested before
            anything is saved.
          </DialogDescription>
        </DialogHeader>
        <form ref={setForm} onSubmit={onSubmit} className="grid gap-4" noValidate>
          <SelectField
            label="Deployment"
            required
            error={errors.deploymentId}
            name="deploymentId"
            defaultValue={defaultDeploymentId ?? deployments[0]?.id}
            placeholder="Choose a deployment"
            options={deployments.map((deployment) => ({
              value: deployment.id,
              label: `${deployment.name} (${deployment.layout})`,
            }))}
          />
          <Field label="Configuration Server tenant" error={errors.cfgTenantName} description={CFG_TENANT_HELP}>
            <Input name="cfgTenantName" autoComplete="off" />
          </Field>
          <SelectField
            label="Genesys Cloud region"
            error={errors.region}
            description="The hosts it implies are shown below."
            value={region}
            onValueChange={setRegion}
            options={[
              { value: NO_REGION, label: "None: use the base URLs below" },
              ...GENESYS_CLOUD_REGIONS.map((choice) => ({ value: choice.id, label: `${choice.label} (${choice.id})` })),
            ]}
          />
          <RegionHosts regionId={region} />
          <fieldset className="grid gap-3 rounded-md border border-border p-3">
            <legend className="px-1 text-sm font-medium">
              Explicit base URLs (sandbox or proxy; optional with a region)
            </legend>
            <Field label="Login base URL" error={errors.loginBaseUrl}>
              <Input name="loginBaseUrl" type="url" autoComplete="off" placeholder="https://login.mypurecloud.ie" />
            </Field>
            <Field label="API base URL" error={errors.apiBaseUrl}>
              <Input name="apiBaseUrl" type="url" autoComplete="off" placeholder="https://api.mypurecloud.ie" />
            </Field>
          </fieldset>
          <Field
            label="Bootstrap client ID"
            required
            error={errors.bootstrapClientId}
            description="The Client Credentials client with the admin role you created in Genesys Cloud (Admin > OAuth)."
          >
            <Input name="bootstrapClientId" autoComplete="off" />
          </Field>
          <Field
            label="Bootstrap client secret"
            required
            error={errors.bootstrapClientSecret}
            description="Sent once, sealed on the server, never shown again."
          >
            <Input name="bootstrapClientSecret" type="password" autoComplete="new-password" />
          </Field>
          <div className="grid gap-2">
            {SERVICES.map((service) => (
              <div key={service.key} className="flex items-center gap-2">
                <Checkbox
                  id={`service-${service.key}`}
                  checked={services.includes(service.key)}
                  onCheckedChange={(value) =>
                    setServices((current) =>
                      value === true ? [...current, service.key] : current.filter((key) => key !== service.key),
                    )
                  }
                />
                <Label htmlFor={`service-${service.key}`}>{service.title}</Label>
              </div>
            ))}
          </div>
          {check?.ok ? (
            <Alert variant="success" title="The bootstrap credentials work">
              They belong to org {check.orgName} ({check.orgShortName}).
            </Alert>
          ) : check ? (
            <Alert variant="error" title="The bootstrap credentials did not work">
              {check.message}
            </Alert>
          ) : null}
          {formError ? (
            <Alert variant="error" title="Could not register the tenant">
              {formError}
            </Alert>
          ) : null}
          <DialogFooter>
            <Button variant="outline" onClick={onTest} loading={checking} loadingText="Testing…">
              Test credentials
            </Button>
            <Button type="submit" loading={pending} loadingText="Testing and saving…">
              Register tenant
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
