import { z } from "zod";
import { deploymentInputSchema } from "@/lib/provisioning/deployments";

/**
 * The deployment form's input: the GAX URL must parse before the domain schema sees it, because that schema's
 * credentials check calls new URL() even on a value its URL check already refused (and would throw).
 */
export const deploymentFormSchema = z
  .looseObject({ gaxBaseUrl: z.string().trim().refine((value) => URL.canParse(value), "must be an http(s) URL such as http://gax.example:8080") })
  .pipe(deploymentInputSchema);
