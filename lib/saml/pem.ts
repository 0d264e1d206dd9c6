// PEM and base64 text exactly as OpenSSL writes them: LF line endings, 64-character lines.

const LINE_LENGTH = 64;

function wrap(base64: string): string {
  let out = "";
  for (let at = 0; at < base64.length; at += LINE_LENGTH) out += `${base64.slice(at, at + LINE_LENGTH)}\n`;
  return out;
}

/** Base64 in 64-character lines, each ending in a newline, byte for byte as `openssl base64` writes it. */
export function base64Lines(data: string | Buffer): string {
  return wrap(Buffer.from(data).toString("base64"));
}

/** Base64 on one line, for configuration option values. */
export function base64SingleLine(data: string | Buffer): string {
  return Buffer.from(data).toString("base64");
}

export function derToPem(type: string, der: Buffer): string {
  return `-----BEGIN ${type}-----\n${wrap(der.toString("base64"))}-----END ${type}-----\n`;
}

/** node-forge writes CRLF line endings; OpenSSL and this project write LF. */
export function withUnixLineEndings(text: string): string {
  return text.replace(/\r\n/g, "\n");
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/;

interface PemBlock {
  type: string;
  headers: string;
  /** The full block, armour included, with LF line endings and a final newline. */
  text: string;
  /** The decoded body (DER, or encrypted DER for traditional encrypted keys). */
  body: Buffer;
}

/** The first PEM block in the text, or undefined when there is none. */
export function firstPemBlock(text: string): PemBlock | undefined {
  const match = PEM_BLOCK.exec(text);
  if (!match || match[1] === undefined || match[2] === undefined) return undefined;
  const inner = withUnixLineEndings(match[2]);
  const headerEnd = inner.indexOf("\n\n");
  const headers = /^[A-Za-z-]+:/.test(inner) && headerEnd >= 0 ? inner.slice(0, headerEnd) : "";
  const encoded = headers ? inner.slice(headerEnd + 2) : inner;
  return {
    type: match[1],
    headers,
    text: `${withUnixLineEndings(match[0])}\n`,
    body: Buffer.from(encoded.replace(/\s+/g, ""), "base64"),
  };
}

const BASE64_TEXT = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;

/**
 * Accepts PEM text, or base64 of a PEM file (the `.b64` files and option values), and returns PEM text.
 * Returns undefined when the text is neither.
 */
export function pemFromText(text: string): string | undefined {
  if (text.includes("-----BEGIN ")) return text;
  if (!BASE64_TEXT.test(text)) return undefined;
  const decoded = Buffer.from(text.replace(/\s+/g, ""), "base64").toString("latin1");
  return decoded.includes("-----BEGIN ") ? decoded : undefined;
}
