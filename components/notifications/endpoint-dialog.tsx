"use client";

import { useState, useTransition, type FormEvent, type ReactElement } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { createEndpointAction, updateEndpointAction } from "@/components/notifications/actions";
import { OneTimeSecret } from "@/components/users/one-time-secret";
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
import { ENDPOINT_KINDS, EVENT_TYPES, type EndpointKind, type EventType } from "@/lib/notifications/event-types";

export type EditableEndpoint = {
  id: string;
  name: string;
  kind: EndpointKind;
  url: string | null;
  recipients: string[];
  eventTypes: EventType[];
  enabled: boolean;
};

const kindOptions = ENDPOINT_KINDS.map((entry) => ({ value: entry.kind, label: entry.label }));

/** Create (no `endpoint`) or edit an endpoint. A new webhook's signing secret is shown once, after creation. */
export function EndpointDialog({ endpoint, trigger }: { endpoint?: EditableEndpoint; trigger: ReactElement }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [kind, setKind] = useState<EndpointKind>(endpoint?.kind ?? "webhook");
  const [eventTypes, setEventTypes] = useState<EventType[]>(endpoint?.eventTypes ?? EVENT_TYPES.map((e) => e.type));
  const [enabled, setEnabled] = useState(endpoint?.enabled ?? true);
  const [secret, setSecret] = useState<string | null>(null);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setSecret(null);
      setFieldErrors({});
    }
  }

  function toggle(type: EventType, on: boolean) {
    setEventTypes((current) => (on ? [...current, type] : current.filter((entry) => entry !== type)));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "");
    const common = { name, eventTypes, enabled };
    const input =
      kind === "email"
        ? { kind, recipients: String(form.get("recipients") ?? ""), ...common }
        : { kind, url: String(form.get("url") ?? ""), ...common };
    startTransition(async () => {
      const saved = async () => {
        if (!endpoint) return createEndpointAction(input);
        const result = await updateEndpointAction({ id: endpoint.id, ...input });
        return result.ok ? { ...result, data: { signingSecret: null } } : result;
      };
      const result = await saved();
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        toast.error(result.error);
        return;
      }
      toast.success(endpoint ? `Endpoint ${name} saved.` : `Endpoint ${name} created.`);
      router.refresh();
      if (result.data.signingSecret) setSecret(result.data.signingSecret);
      else onOpenChange(false);
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{secret ? "Endpoint created" : endpoint ? `Edit ${endpoint.name}` : "New endpoint"}</DialogTitle>
          <DialogDescription>
            {secret
              ? "Receivers check the X-Hybrid-Provisioner-Signature header with this secret (docs/notifications.md)."
              : "Where alerts go, and which events it receives."}
          </DialogDescription>
        </DialogHeader>
        {secret ? (
          <>
            <OneTimeSecret
              label="Signing secret"
              value={secret}
              whenLost="delete the endpoint and create another if it is lost"
            />
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} className="grid gap-4" noValidate>
            <Field label="Name" required error={fieldErrors.name}>
              <Input name="name" autoComplete="off" defaultValue={endpoint?.name} />
            </Field>
            {endpoint ? null : (
              <SelectField
                label="Kind"
                options={kindOptions}
                value={kind}
                onValueChange={setKind}
                error={fieldErrors.kind}
              />
            )}
            {kind === "email" ? (
              <Field
                label="Recipients"
                required
                description="E-mail addresses, separated by commas. Sent through the server's SMTP_URL."
                error={fieldErrors.recipients}
              >
                <Input name="recipients" autoComplete="off" defaultValue={endpoint?.recipients.join(", ")} />
              </Field>
            ) : (
              <Field
                label="URL"
                required
                description={
                  kind === "slack"
                    ? "The incoming-webhook URL (Slack, Mattermost, Rocket.Chat)."
                    : "Receives a signed JSON POST for each alert."
                }
                error={fieldErrors.url}
              >
                <Input name="url" type="url" autoComplete="off" defaultValue={endpoint?.url ?? ""} />
              </Field>
            )}
            <fieldset
              className="grid gap-2"
              aria-describedby={fieldErrors.eventTypes ? "event-types-error" : undefined}
            >
              <legend className="mb-1 text-sm font-medium">Events</legend>
              {EVENT_TYPES.map((entry) => (
                <div key={entry.type} className="flex items-start gap-2">
                  <Checkbox
                    id={`event-${entry.type}`}
                    checked={eventTypes.includes(entry.type)}
                    onCheckedChange={(checked) => toggle(entry.type, checked === true)}
                    className="mt-0.5"
                  />
                  <Label htmlFor={`event-${entry.type}`} className="grid gap-0.5 font-normal">
                    <span className="font-medium">{entry.label}</span>
                    <span className="text-xs text-muted-foreground">{entry.description}</span>
                  </Label>
                </div>
              ))}
              {fieldErrors.eventTypes ? (
                <p id="event-types-error" className="text-xs text-danger">
                  Events {fieldErrors.eventTypes.join(", ")}
                </p>
              ) : null}
            </fieldset>
            <div className="flex items-center gap-2">
              <Checkbox
                id="endpoint-enabled"
                checked={enabled}
                onCheckedChange={(checked) => setEnabled(checked === true)}
              />
              <Label htmlFor="endpoint-enabled">Enabled</Label>
            </div>
            <DialogFooter>
              <Button type="submit" loading={pending} loadingText="Saving…">
                {endpoint ? "Save" : "Create endpoint"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
