import { randomInt } from "node:crypto";

/** Letters and digits without look-alikes (0/O, 1/l/I): safe in shells, option values, URLs and when read aloud. */
export const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** Each character drawn uniformly with the operating system's CSPRNG (about 5.8 bits each: 24 characters > 139 bits). */
export function randomPassword(length: number): string {
  let password = "";
  for (let i = 0; i < length; i += 1) password += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return password;
}

export const generatedUserPasswordLength = 24;
