import type { SecretRef } from "@/lib/secrets/store";

/** A webhook endpoint's signing secret, sealed; bound to its endpoint. */
export const endpointSecretRef = (endpointId: string): SecretRef => ({
  ownerType: "notification-endpoint",
  ownerId: endpointId,
  purpose: "signing-secret",
});
