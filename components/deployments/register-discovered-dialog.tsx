"use client";

import { useState } from "react";
import { announceRegistered } from "@/components/tenants/new-tenant-dialog";
import { TenantRegistrationForm, type RegisteredTenant } from "@/components/tenants/tenant-registration-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";

export type GaxTenantChoice = { name: string; dbid: string; state: string };

/**
 * Registers the selected tenants one after the other with the New tenant form (each needs its own org's bootstrap
 * client); a tenant may be skipped. `onFinished` gets the names registered.
 */
export function RegisterDiscoveredDialog({
  deployment,
  tenants,
  open,
  onOpenChange,
  onFinished,
}: {
  deployment: { id: string; name: string };
  tenants: GaxTenantChoice[];
  open: boolean;
  onOpenChange(open: boolean): void;
  onFinished(registered: string[]): void;
}) {
  const [index, setIndex] = useState(0);
  const [registered, setRegistered] = useState<string[]>([]);
  const current = tenants[index];

  function next(done: string[]) {
    if (index + 1 < tenants.length) {
      setIndex(index + 1);
      setRegistered(done);
      return;
    }
    setIndex(0);
    setRegistered([]);
    onFinished(done);
  }

  function onRegistered(tenant: RegisteredTenant) {
    announceRegistered(tenant);
    next([...registered, tenant.cfgTenantName]);
  }

  function onClose(next: boolean) {
    if (!next && registered.length > 0) onFinished(registered);
    if (!next) {
      setIndex(0);
      setRegistered([]);
    }
    onOpenChange(next);
  }

  if (!current) return null;
  const progress = tenants.length > 1 ? ` (${index + 1} of ${tenants.length})` : "";
  return (
    <Dialog open={open} onOpenChange={onClose}>
      <DialogContent className="max-h-[90vh] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>
            Register {current.name}
            {progress}
          </DialogTitle>
          <DialogDescription>
            Pairs tenant {current.name} of {deployment.name} (GAX DBID {current.dbid}) with its Genesys Cloud org: enter
            that org&apos;s bootstrap client. The credentials are tested before anything is saved.
          </DialogDescription>
        </DialogHeader>
        {current.state !== "enabled" ? (
          <Alert variant="warning" title={`${current.name} is ${current.state} in Configuration Server`}>
            It can be registered; check in Configuration Server that it is meant to be in use before provisioning it.
          </Alert>
        ) : null}
        <TenantRegistrationForm
          key={current.name}
          choice={{ kind: "fixed", deployment, cfgTenantName: current.name }}
          onRegistered={onRegistered}
          extraActions={
            index + 1 < tenants.length ? (
              <Button variant="ghost" onClick={() => next(registered)}>
                Skip {current.name}
              </Button>
            ) : null
          }
        />
      </DialogContent>
    </Dialog>
  );
}
