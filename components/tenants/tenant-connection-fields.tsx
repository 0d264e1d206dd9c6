"use client";

import { optionalText, text } from "@/components/deployments/form-values";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SelectField } from "@/components/ui/select-field";
import { GENESYS_CLOUD_REGIONS } from "@/lib/genesys-cloud/regions";
import { SERVICES, type ServiceKey } from "@/lib/provisioning/client-safe";
import { RegionHosts } from "./region-hosts";

export const NO_REGION = "none";
type FieldErrors = Record<string, string[]>;

/** What an edited tenant already holds (never its secret). */
export interface TenantConnectionValues {
  loginBaseUrl?: string | null;
  apiBaseUrl?: string | null;
  bootstrapClientId?: string;
  redirectUri?: string;
  ssoTargetUri?: string;
}

/** What the connection fields of a form hold, as the registration schema takes them. */
export function readConnection(form: HTMLFormElement, region: string) {
  const data = new FormData(form);
  const noRegion = region === NO_REGION;
  const redirectUri = noRegion ? optionalText(data, "redirectUri") : undefined;
  const ssoTargetUri = noRegion ? optionalText(data, "ssoTargetUri") : undefined;
  return {
    region: noRegion ? undefined : region,
    loginBaseUrl: optionalText(data, "loginBaseUrl"),
    apiBaseUrl: optionalText(data, "apiBaseUrl"),
    bootstrapClientId: text(data, "bootstrapClientId").trim(),
    bootstrapClientSecret: text(data, "bootstrapClientSecret"),
    ...(redirectUri || ssoTargetUri ? { settings: { redirectUri, ssoTargetUri } } : {}),
  };
}

const APPS_URL_HELP = "Without a region it cannot be derived from the region's apps host";

/**
 * Region or explicit base URLs, the apps URLs a tenant without a region needs, the bootstrap client and the services.
 * `secretOptional`: editing, where an empty secret keeps the sealed one.
 */
export function TenantConnectionFields({
  errors,
  region,
  defaults = {},
  onRegionChange,
  services,
  onServicesChange,
  secretOptional = false,
}: {
  errors: FieldErrors;
  region: string;
  defaults?: TenantConnectionValues;
  onRegionChange(region: string): void;
  services: readonly ServiceKey[];
  onServicesChange(services: readonly ServiceKey[]): void;
  secretOptional?: boolean;
}) {
  return (
    <>
      <SelectField
        label="Genesys Cloud region"
        error={errors.region}
        description="The hosts it implies are shown below."
        value={region}
        onValueChange={onRegionChange}
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
        <Field
          label="Login base URL"
          error={errors.loginBaseUrl}
          description="For example https://login.mypurecloud.ie"
        >
          <Input name="loginBaseUrl" type="url" autoComplete="off" defaultValue={defaults.loginBaseUrl ?? undefined} />
        </Field>
        <Field label="API base URL" error={errors.apiBaseUrl} description="For example https://api.mypurecloud.ie">
          <Input name="apiBaseUrl" type="url" autoComplete="off" defaultValue={defaults.apiBaseUrl ?? undefined} />
        </Field>
        {region === NO_REGION ? (
          <>
            <Field
              label="Redirect URI"
              error={errors["settings.redirectUri"]}
              description={`The SAML2 bearer client's redirect URI, such as https://apps.mypurecloud.ie. ${APPS_URL_HELP} (unless the login base URL is https://login.<domain>).`}
            >
              <Input name="redirectUri" type="url" autoComplete="off" defaultValue={defaults.redirectUri} />
            </Field>
            <Field
              label="SSO target URI"
              error={errors["settings.ssoTargetUri"]}
              description={`Where the identity provider sends agents after sign-in, such as https://apps.mypurecloud.ie. ${APPS_URL_HELP} (unless the login base URL is https://login.<domain>).`}
            >
              <Input name="ssoTargetUri" type="url" autoComplete="off" defaultValue={defaults.ssoTargetUri} />
            </Field>
          </>
        ) : null}
      </fieldset>
      <Field
        label="Bootstrap client ID"
        required
        error={errors.bootstrapClientId}
        description="The Client Credentials client with the admin role you created in Genesys Cloud (Admin > OAuth)."
      >
        <Input name="bootstrapClientId" autoComplete="off" defaultValue={defaults.bootstrapClientId} />
      </Field>
      <Field
        label="Bootstrap client secret"
        required={!secretOptional}
        error={errors.bootstrapClientSecret}
        description={
          secretOptional
            ? "Leave empty to keep the sealed secret. A new one is sealed on the server and never shown again."
            : "Sent once, sealed on the server, never shown again."
        }
      >
        <Input name="bootstrapClientSecret" type="password" autoComplete="new-password" />
      </Field>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Services</legend>
        {SERVICES.map((service) => (
          <div key={service.key} className="flex items-center gap-2">
            <Checkbox
              id={`service-${service.key}`}
              checked={services.includes(service.key)}
              onCheckedChange={(value) =>
                onServicesChange(
                  value === true ? [...services, service.key] : services.filter((key) => key !== service.key),
                )
              }
            />
            <Label htmlFor={`service-${service.key}`}>{service.title}</Label>
          </div>
        ))}
        {errors.services ? <p className="text-xs font-medium text-danger">{errors.services.join(" ")}</p> : null}
      </fieldset>
    </>
  );
}
