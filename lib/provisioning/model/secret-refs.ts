import type { SecretRef } from "@/lib/secrets/store";

/** Sealed secrets of the provisioning model. Step secrets are named "<step key>.<what>". */
export const gaxPasswordRef = (deploymentId: string): SecretRef => ({
  ownerType: "deployment",
  ownerId: deploymentId,
  purpose: "gax-password",
});
export const tenantSecretRef = (tenantId: string, purpose: string): SecretRef => ({
  ownerType: "tenant",
  ownerId: tenantId,
  purpose,
});
export const BOOTSTRAP_SECRET = "bootstrap-client-secret";
