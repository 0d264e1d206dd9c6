// Objects the provisioner creates carry a marker in their description, so a later attempt finds them
// (after a crash, or when its own records were lost) instead of creating a second one.

export const markerOf = (stepKey: string) => `[hybrid-provisioner:${stepKey}]`;

export const withMarker = (description: string, stepKey: string) => `${description} ${markerOf(stepKey)}`;

export const hasMarker = (description: string | undefined, stepKey: string) =>
  (description ?? "").includes(markerOf(stepKey));

export const MASK = "********";
