import { ValidationError } from "./object-schemas";

export type Condition = { attribute: string; value: string };
/** Disjunction of conjunctions: `a=1 AND b=2 OR c=3` is [[a=1, b=2], [c=3]] (AND binds tighter, as in GAX). */
export type FilterExpression = Condition[][];

/** Parses GAX's `filters` parameter; attribute names must be in `allowed` (lowercase PSDK names). */
export function parseFilters(text: string, allowed: readonly string[]): FilterExpression {
  return text.split(/\s+OR\s+/).map((conjunction) =>
    conjunction.split(/\s+AND\s+/).map((condition) => {
      const match = /^\s*([a-z]+)\s*=(.*)$/.exec(condition);
      if (!match) throw new ValidationError(`filters: "${condition.trim()}" is not attribute=value`);
      const [, attribute = "", value = ""] = match;
      if (!allowed.includes(attribute)) throw new ValidationError(`filters: unknown attribute "${attribute}"`);
      return { attribute, value: value.trim() };
    }),
  );
}

export function matchesFilters(object: Record<string, unknown>, expression: FilterExpression): boolean {
  return expression.some((conjunction) => conjunction.every(({ attribute, value }) => object[attribute] === value));
}
