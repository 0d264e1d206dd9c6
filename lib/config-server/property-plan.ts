import type { DesiredEntry } from "./desired-object";

/** One userProperties entry as GAX JSON carries it. */
export interface GaxProperty {
  section: string;
  key: string;
  value: string;
}

export interface KeyRef {
  section: string;
  key: string;
}
export interface ShownValue extends KeyRef {
  /** The value, or SECRET_MASK for secrets. */
  value: string;
  secret: boolean;
}
export interface ShownChange extends KeyRef {
  from: string;
  to: string;
  secret: boolean;
}

export interface PropertyPlan {
  add: ShownValue[];
  change: ShownChange[];
  keep: ShownValue[];
  /** Keys in the live object that the provisioner does not own; they are left as they are (values not shown). */
  foreign: KeyRef[];
}

export const SECRET_MASK = "********";

export const show = (value: string, secret: boolean) => (secret ? SECRET_MASK : value);
const id = (entry: KeyRef) => `${entry.section}\u0000${entry.key}`;

export function planProperties(desired: DesiredEntry[], live: GaxProperty[]): PropertyPlan {
  const liveById = new Map(live.map((property) => [id(property), property]));
  const owned = new Set(desired.map(id));
  const plan: PropertyPlan = { add: [], change: [], keep: [], foreign: [] };
  for (const entry of desired) {
    const current = liveById.get(id(entry));
    const ref = { section: entry.section, key: entry.key, secret: entry.secret };
    if (!current) plan.add.push({ ...ref, value: show(entry.value, entry.secret) });
    else if (current.value !== entry.value)
      plan.change.push({ ...ref, from: show(current.value, entry.secret), to: show(entry.value, entry.secret) });
    else plan.keep.push({ ...ref, value: show(entry.value, entry.secret) });
  }
  plan.foreign = live.filter((property) => !owned.has(id(property))).map(({ section, key }) => ({ section, key }));
  return plan;
}

/** The live list with the owned keys set to their desired values; every other entry stays, in place. */
export function mergeOwnedProperties(live: GaxProperty[], desired: DesiredEntry[]): GaxProperty[] {
  const wanted = new Map(desired.map((entry) => [id(entry), entry]));
  const merged = live.map((property) => {
    const entry = wanted.get(id(property));
    if (!entry) return property;
    wanted.delete(id(property));
    return { ...property, value: entry.value };
  });
  return [...merged, ...[...wanted.values()].map(({ section, key, value }) => ({ section, key, value }))];
}
