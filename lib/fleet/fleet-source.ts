import { isCollection, LineCounter, parseDocument, type Document } from "yaml";
import { formatPath, type FleetProblem } from "./fleet-problems";

/** A parsed fleet file (YAML, or JSON, which YAML reads too) that can say where each path of it is written. */
export interface FleetSource {
  data: unknown;
  problemAt(path: readonly PropertyKey[], message: string): FleetProblem;
}

/** The node written at the deepest part of the path the file has (a missing key points at its parent). */
function offsetOf(doc: Document, path: readonly PropertyKey[]): number | undefined {
  let offset = doc.contents?.range?.[0];
  for (let depth = 1; depth <= path.length; depth++) {
    const node = doc.getIn(path.slice(0, depth) as unknown[], true) as { range?: [number, number, number] } | undefined;
    if (!node || typeof node !== "object" || !node.range) break;
    offset = node.range[0];
    if (!isCollection(node) && depth < path.length) break;
  }
  return offset;
}

export function readFleetSource(text: string): { source: FleetSource } | { problems: FleetProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((error) => ({
        path: "",
        line: error.linePos?.[0].line,
        column: error.linePos?.[0].col,
        message: `is not valid YAML or JSON: ${error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`,
      })),
    };
  }
  const problemAt = (path: readonly PropertyKey[], message: string): FleetProblem => {
    const offset = offsetOf(doc, path);
    const position = offset === undefined ? undefined : lineCounter.linePos(offset);
    return { path: formatPath(path), line: position?.line, column: position?.col, message };
  };
  return { source: { data: doc.toJS() as unknown, problemAt } };
}
