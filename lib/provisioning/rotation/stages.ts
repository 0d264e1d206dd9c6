/** The stages of a certificate rotation, in order; "done" is where a finished rotation stands. */
export const ROTATION_STAGES = [
  "generate",
  "add-certificate",
  "update-transaction-object",
  "smoke-test",
  "remove-old-certificate",
] as const;
export type RotationStage = (typeof ROTATION_STAGES)[number];
export type RotationPosition = RotationStage | "done";

/** The Run row of a rotation: an apply of this pseudo-step, so the engine's tenant lease covers it. */
export const ROTATION_STEP_KEY = "certificate-rotation";

/** What operators read about each stage (the page, the CLI and the confirmation dialog). */
export const rotationStageInfo: Record<RotationStage, { title: string; description: string }> = {
  generate: {
    title: "Generate new key material",
    description: "A new RSA key, self-signed certificate and key password, sealed next to the current ones.",
  },
  "add-certificate": {
    title: "Add the new certificate to the identity provider",
    description: "The PureEngage identity provider trusts both the current and the new certificate.",
  },
  "update-transaction-object": {
    title: "Update the transaction object",
    description: "hybrid_integration gets the new certificate and the new encrypted key with its password.",
  },
  "smoke-test": {
    title: "Smoke test with the new key",
    description:
      "A SAML assertion signed with the new key is exchanged for a token that calls an API inside the SAML2 bearer " +
      "client's scopes; then the new key becomes the tenant's key.",
  },
  "remove-old-certificate": {
    title: "Remove the old certificate",
    description: "The identity provider trusts only the new certificate; the old key's sealed secrets are gone.",
  },
};

/** Stages up to and including the smoke test use the next key material; after it, the new material is the current one. */
export const isBeforeSwitch = (stage: RotationPosition) => stage !== "remove-old-certificate" && stage !== "done";

export const stageIndex = (stage: RotationPosition) =>
  stage === "done" ? ROTATION_STAGES.length : ROTATION_STAGES.indexOf(stage);

/** What the operator should do when a rotation stopped at this stage; where desktops stand meanwhile. */
export const whatToDoAfterFailure: Record<RotationStage, string> = {
  generate: "Nothing has changed yet. Rotate again to retry.",
  "add-certificate":
    "The identity provider still trusts the current certificate, so desktops are unaffected. Fix the cause, then rotate again: the rotation resumes here with the same new key.",
  "update-transaction-object":
    "Both certificates are on the identity provider, so desktops keep working whichever key the transaction object holds. Fix the cause, then rotate again: the rotation resumes here with the same new key.",
  "smoke-test":
    "Both certificates stay on the identity provider and the old one is not removed, so desktops signing with either key keep working. Fix the cause, then rotate again: the rotation resumes at the smoke test with the same new key.",
  "remove-old-certificate":
    "The new key is in use everywhere; only removing the old certificate from the identity provider is left. Rotate again to finish.",
};
