import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const format = "v1";

/** AES-256-GCM with a fresh 96-bit IV per value; `context` is bound as additional data so a value cannot be moved to another row. */
export function encrypt(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${format}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function decrypt(key: Buffer, sealed: string, context: string): string {
  const [version, payload] = sealed.split(".", 2);
  if (version !== format || !payload) throw new Error("Sealed value has an unknown format.");
  const raw = Buffer.from(payload, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
