/** A value as it arrives through JSON: dates become ISO strings. */
export type Serialized<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? Serialized<Item>[]
    : T extends object
      ? { [Key in keyof T]: Serialized<T[Key]> }
      : T;

/** The value as JSON would deliver it, for handing server data to code that also receives it from a route. */
export const serialized = <T>(value: T): Serialized<T> => JSON.parse(JSON.stringify(value)) as Serialized<T>;
