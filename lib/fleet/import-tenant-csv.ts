import type { Db } from "@/lib/db/client";
import { gaxPasswordRef } from "@/lib/provisioning";
import { openSecret } from "@/lib/secrets/store";
import { exportFleet } from "./export-fleet";
import { FleetInvalidError, type FleetProblem } from "./fleet-problems";
import { importFleet, type FleetImportOutcome, type FleetImportRequest } from "./import-fleet";
import {
  columnOfTenantPath,
  fleetTenantOf,
  parseTenantCsv,
  type ColumnPositions,
  type TenantCsvRow,
} from "./tenant-csv";
import { validateFleet } from "./validate-fleet";

export { isTenantCsv } from "./tenant-csv-name";

/** Where each tenant entry of the built document came from: its deployment's rows, in the file's order. */
type Origins = { deployment: string; rows: TenantCsvRow[] }[];

const TENANT_PATH = /^deployments\[(\d+)\](?:\.tenants\[(\d+)\])?(?:\.(.*))?$/;

/** A problem of the built document, pointed at the row (line) and column of the CSV it came from. */
function locate(problem: FleetProblem, { origins, columns }: { origins: Origins; columns: ColumnPositions }) {
  const match = TENANT_PATH.exec(problem.path);
  const group = match ? origins[Number(match[1])] : undefined;
  if (!match || !group) return problem;
  if (match[2] === undefined) {
    const message = `deployment ${group.deployment} as registered: ${match[3] ?? "entry"} ${problem.message}`;
    return { path: "deployment", line: group.rows[0]!.line, column: columns.deployment ?? 1, message };
  }
  const row = group.rows[Number(match[2])]!;
  const column = match[3] ? columnOfTenantPath(match[3]) : undefined;
  return {
    path: column ?? "(row)",
    line: row.line,
    column: (column && columns[column]) ?? 1,
    message: problem.message,
  };
}

/**
 * The fleet document a CSV of tenants stands for: each registered deployment it names, as registered (its sealed
 * password opened, so nothing about the deployment changes), with the rows as its tenants. Rows naming a deployment
 * that is not registered are problems.
 */
async function fleetOfRows(db: Db, { rows, columns }: { rows: TenantCsvRow[]; columns: ColumnPositions }) {
  const names = [...new Set(rows.map((row) => row.cells.deployment ?? ""))];
  const registered = (await exportFleet(db)).fleet.deployments.filter((entry) => names.includes(entry.name as string));
  const ids = new Map(
    (await db.deployment.findMany({ where: { name: { in: names } }, select: { id: true, name: true } })).map((row) => [
      row.name,
      row.id,
    ]),
  );
  const problems: FleetProblem[] = [];
  const origins: Origins = [];
  const deployments: Record<string, unknown>[] = [];
  for (const name of names) {
    const own = rows.filter((row) => (row.cells.deployment ?? "") === name);
    const entry = registered.find((candidate) => candidate.name === name);
    const password = entry ? await openSecret(db, gaxPasswordRef(ids.get(name)!)) : null;
    if (!entry || !password) {
      const message = !name
        ? "is required: the name of a registered deployment"
        : !entry
          ? `names no registered deployment (register ${name} first, or import a fleet file)`
          : `names deployment ${name}, whose GAX password is not stored: enter it on the Deployments page first`;
      for (const row of own)
        problems.push({ path: "deployment", line: row.line, column: columns.deployment ?? 1, message });
      continue;
    }
    origins.push({ deployment: name, rows: own });
    deployments.push({ ...entry, gaxPassword: password, tenants: own.map(fleetTenantOf) });
  }
  return { problems, origins, text: JSON.stringify({ version: 1, deployments }) };
}

/**
 * Imports a CSV of tenants (docs/fleet.md, "Tenants as CSV") through the fleet import: the same validation, plan,
 * audit and one transaction, every problem pointed at its row's line and column.
 */
export async function importTenantCsv(
  db: Db,
  request: Omit<FleetImportRequest, "text"> & { csv: string },
): Promise<FleetImportOutcome> {
  const parsed = parseTenantCsv(request.csv);
  if ("problems" in parsed) throw new FleetInvalidError(parsed.problems);
  const { csv: _csv, ...rest } = request;
  const built = await fleetOfRows(db, parsed);
  const problems = [...built.problems];
  try {
    // Rows naming no registered deployment are problems already; the others are still checked, for the whole list.
    if (problems.length === 0) return await importFleet(db, { ...rest, text: built.text });
    await validateFleet(db, { text: built.text, lookup: rest.lookup });
  } catch (error) {
    if (!(error instanceof FleetInvalidError)) throw error;
    const where = { origins: built.origins, columns: parsed.columns };
    problems.push(...error.problems.map((problem) => locate(problem, where)));
  }
  throw new FleetInvalidError(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
}
