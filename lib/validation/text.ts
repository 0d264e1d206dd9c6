import { z } from "zod";

// zod's own words for a missing value ("Invalid input: expected string, received undefined") are for programmers;
// an operator is told the field is required. Every schema of the product imports this module.
z.config({
  customError: (issue) => (issue.code === "invalid_type" && issue.input === undefined ? "is required" : undefined),
});

// Every text an operator or a URL can send has a length limit and a character rule, checked before any query: a NUL
// byte or a control character would otherwise reach PostgreSQL and come back as a database error.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_BREAKS = /[\r\n]/;

/** A single line of text: trimmed, 1..max characters, no control characters. */
export const lineText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .refine(isSingleLine, "must not contain control characters or line breaks");

/** Free text that may span lines (notes): up to max characters, no control characters other than line breaks and tabs. */
export const multilineText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), "must not contain control characters");

/** A secret as entered: any characters but NUL and line breaks, within a length no real secret exceeds. */
export const secretText = (max = 4096) =>
  z
    .string()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !/[\u0000\r\n]/.test(value), "must not contain control characters or line breaks");

/** An http(s) URL of at most `max` (2,048) characters; `example` shows one in the message. */
export const httpUrl = ({ max = 2048, example }: { max?: number; example?: string } = {}) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .pipe(z.url({ protocol: /^https?$/, error: `must be an http(s) URL${example ? ` such as ${example}` : ""}` }));

export const hasControlCharacters = (value: string) => CONTROL_CHARACTERS.test(value);

/** No control characters and no line breaks: what a name, a label or an identifier may hold. */
export const isSingleLine = (value: string) => !CONTROL_CHARACTERS.test(value) && !LINE_BREAKS.test(value);
