import { z } from "zod";
import { parseOrThrow, SamlInputError } from "./errors";

const email = z.email();
const dnsLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const localPart = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

const nameIdOrganizationSchema = z.object({
  /** The transaction object's general/organization_sname (the Genesys Cloud org short name). */
  organizationSname: z.string().regex(dnsLabel, "must be a DNS label (letters, digits, inner hyphens)"),
  /** The transaction object's annex general/organization_domain_suffix; "com" when not set. */
  organizationDomainSuffix: z
    .string()
    .refine(
      (suffix) => suffix.split(".").every((label) => dnsLabel.test(label)),
      "must be a DNS domain such as com or co.uk",
    )
    .default("com"),
});

type NameIdOrganization = z.input<typeof nameIdOrganizationSchema>;

export function isEmailAddress(value: string): boolean {
  return email.safeParse(value).success;
}

/**
 * The SAML NameID for an agent: the username when it is an email address, otherwise
 * `username@<organization_sname>.<organization_domain_suffix>` as the hybrid integration procedure derives it.
 */
export function samlNameId(username: string, organization?: NameIdOrganization): string {
  if (isEmailAddress(username)) return username;
  if (!organization) {
    throw new SamlInputError(
      "subject",
      `"${username}" is not an email address and no organization short name was given`,
    );
  }
  const { organizationSname, organizationDomainSuffix } = parseOrThrow(nameIdOrganizationSchema, organization);
  const address = `${username}@${organizationSname}.${organizationDomainSuffix}`.toLowerCase();
  if (!localPart.test(username) || !isEmailAddress(address)) {
    throw new SamlInputError("subject", `cannot form an email address from username "${username}"`);
  }
  return address;
}
