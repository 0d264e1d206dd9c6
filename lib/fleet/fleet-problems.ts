/** One thing wrong with a fleet file: where (path, and line:column when the file has that place) and the rule. */
export interface FleetProblem {
  path: string;
  line?: number;
  column?: number;
  message: string;
}

/** deployments[0].tenants[2].region, as operators read a path. */
export const formatPath = (path: readonly PropertyKey[]) =>
  path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    "",
  );

/** `fleet.yaml:12:7 deployments[0].gaxBaseUrl: must be ...` */
export const describeProblem = (file: string, problem: FleetProblem) =>
  `${file}${problem.line ? `:${problem.line}:${problem.column}` : ""} ${problem.path || "(file)"}: ${problem.message}`;

export class FleetInvalidError extends Error {
  constructor(readonly problems: FleetProblem[]) {
    super(`The fleet file has ${problems.length} problem${problems.length === 1 ? "" : "s"}.`);
    this.name = "FleetInvalidError";
  }
}
