"use client";

import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { checkBootstrapAction, createTenantAction } from "./actions";
import { optionalText, text } from "@/components/deployments/form-values";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SelectField } from "@/components/ui/select-field";
import { DEFAULT_SERVICES, type ServiceKey } from "@/lib/provisioning/client-safe";
import { NO_REGION, readConnection, TenantConnectionFields } from "./tenant-connection-fields";

export type DeploymentChoice = { id: string; name: string; layout: string };
export type RegisteredTenant = { id: string; cfgTenantName: string; orgName: string; warnings: string[] };

const CFG_TENANT_HELP =
  "The tenant's name in Configuration Server. Leave empty in a single-tenant deployment: it is the deployment's " +
  "tenant, Environment or Resources.";
type Check = { ok: true; orgName: string; orgShortName: string; warnings: string[] } | { ok: false; message: string };

/** Either the operator picks the deployment and names the tenant, or both are given (a tenant GAX listed). */
export type TenantChoice =
  | { kind: "open"; deployments: DeploymentChoice[]; defaultDeploymentId?: string }
  | { kind: "fixed"; deployment: { id: string; name: string }; cfgTenantName: string };

function readForm(form: HTMLFormElement, region: string) {
  const data = new FormData(form);
  return {
    deploymentId: text(data, "deploymentId"),
    cfgTenantName: optionalText(data, "cfgTenantName"),
    ...readConnection(form, region),
  };
}

function TenantChoiceFields({ choice, errors }: { choice: TenantChoice; errors: Record<string, string[]> }) {
  if (choice.kind === "fixed") {
    return (
      <>
        <input type="hidden" name="deploymentId" value={choice.deployment.id} />
        <Field label="Configuration Server tenant" error={errors.cfgTenantName} description="As GAX lists it.">
          <Input name="cfgTenantName" value={choice.cfgTenantName} readOnly />
        </Field>
      </>
    );
  }
  return (
    <>
      <SelectField
        label="Deployment"
        required
        error={errors.deploymentId}
        name="deploymentId"
        defaultValue={choice.defaultDeploymentId ?? choice.deployments[0]?.id}
        placeholder="Choose a deployment"
        options={choice.deployments.map((deployment) => ({
          value: deployment.id,
          label: `${deployment.name} (${deployment.layout})`,
        }))}
      />
      <Field label="Configuration Server tenant" error={errors.cfgTenantName} description={CFG_TENANT_HELP}>
        <Input name="cfgTenantName" autoComplete="off" />
      </Field>
    </>
  );
}

/**
 * The registration form: the tenant, its region or base URLs, the bootstrap client (tested before saving) and the
 * services. `onRegistered` is called once the tenant is saved; `extraActions` sit beside the submit button.
 */
export function TenantRegistrationForm({
  choice,
  onRegistered,
  extraActions,
}: {
  choice: TenantChoice;
  onRegistered(tenant: RegisteredTenant): void;
  extraActions?: React.ReactNode;
}) {
  const [pending, startTransition] = useTransition();
  const [checking, startCheck] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [check, setCheck] = useState<Check | null>(null);
  const [region, setRegion] = useState<string>(NO_REGION);
  const [services, setServices] = useState<readonly ServiceKey[]>(DEFAULT_SERVICES);
  const [form, setForm] = useState<HTMLFormElement | null>(null);

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
      setErrors({});
      setFormError(null);
      setCheck(result.data.ok ? { ...result.data, warnings: result.data.warnings ?? [] } : result.data);
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
      onRegistered(result.data);
    });
  }

  return (
    <form ref={setForm} onSubmit={onSubmit} className="grid gap-4" noValidate>
      <TenantChoiceFields choice={choice} errors={errors} />
      <TenantConnectionFields
        errors={errors}
        region={region}
        onRegionChange={setRegion}
        services={services}
        onServicesChange={setServices}
      />
      {check?.ok ? (
        <Alert variant="success" title="The bootstrap credentials work">
          They belong to org {check.orgName} ({check.orgShortName}).
        </Alert>
      ) : null}
      {check?.ok && check.warnings.length > 0 ? (
        <Alert variant="warning" title="Check before registering" data-testid="registration-warnings">
          <ul className="grid gap-1">
            {check.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {check && !check.ok ? (
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
        {extraActions}
        <Button variant="outline" onClick={onTest} loading={checking} loadingText="Testing…">
          Test credentials
        </Button>
        <Button type="submit" loading={pending} loadingText="Testing and saving…">
          Register tenant
        </Button>
      </DialogFooter>
    </form>
  );
}
