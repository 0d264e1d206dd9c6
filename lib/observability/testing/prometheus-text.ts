// A strict reader of the Prometheus text exposition format (0.0.4) for tests: every line must be a HELP, a TYPE or a
// sample of the family the last TYPE declared, with valid names, label syntax and numbers; anything else throws.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: string;
  help: string;
  samples: Sample[];
}

const metricName = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const labelName = "[a-zA-Z_][a-zA-Z0-9_]*";
const labelValue = '"(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
// Prometheus reads numbers with Go's ParseFloat: Inf and NaN in any case (prom-client writes "Nan").
const number = "[+-]?(?:[iI][nN][fF]|[nN][aA][nN]|(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)";
const helpLine = new RegExp(`^# HELP (${metricName}) (.*)$`);
const typeLine = new RegExp(`^# TYPE (${metricName}) (counter|gauge|histogram|summary|untyped)$`);
const sampleLine = new RegExp(
  `^(${metricName})(?:\\{((?:${labelName}=${labelValue})(?:,${labelName}=${labelValue})*,?)?\\})? (${number})(?: -?\\d+)?$`,
);
const labelPair = new RegExp(`(${labelName})=(${labelValue})`, "g");

const suffixes: Record<string, string[]> = {
  histogram: ["_bucket", "_sum", "_count"],
  summary: ["", "_sum", "_count"],
};

function unescape(quoted: string): string {
  return quoted.slice(1, -1).replace(/\\(["\\n])/g, (_, char: string) => (char === "n" ? "\n" : char));
}

function parseNumber(text: string): number {
  const unsigned = text.replace(/^[+-]/, "").toLowerCase();
  const sign = text.startsWith("-") ? -1 : 1;
  if (unsigned === "inf") return sign * Infinity;
  if (unsigned === "nan") return NaN;
  return Number(text);
}

export function parsePrometheusText(text: string): Map<string, Family> {
  if (!text.endsWith("\n")) throw new Error("the exposition must end with a newline");
  const families = new Map<string, Family>();
  let current: Family | undefined;
  const lines = text.slice(0, -1).split("\n");
  lines.forEach((line, index) => {
    const where = `line ${index + 1} ("${line}")`;
    if (line === "") return;
    const help = helpLine.exec(line);
    if (help) {
      const name = help[1]!;
      if (families.has(name)) throw new Error(`${where}: family ${name} described twice`);
      current = { name, type: "untyped", help: help[2]!, samples: [] };
      families.set(name, current);
      return;
    }
    const type = typeLine.exec(line);
    if (type) {
      const family = current;
      if (!family || family.name !== type[1] || family.samples.length > 0)
        throw new Error(`${where}: TYPE must follow the family's HELP and come before its samples`);
      family.type = type[2]!;
      return;
    }
    if (line.startsWith("#")) throw new Error(`${where}: not a HELP or TYPE line`);
    const sample = sampleLine.exec(line);
    if (!sample) throw new Error(`${where}: not a valid sample`);
    const name = sample[1]!;
    if (!current || !(suffixes[current.type] ?? [""]).some((suffix) => name === `${current!.name}${suffix}`))
      throw new Error(`${where}: sample of ${name} outside its family`);
    const labels: Record<string, string> = {};
    for (const pair of (sample[2] ?? "").matchAll(labelPair)) {
      if (pair[1]! in labels) throw new Error(`${where}: label ${pair[1]} given twice`);
      labels[pair[1]!] = unescape(pair[2]!);
    }
    current.samples.push({ name, labels, value: parseNumber(sample[3]!) });
  });
  return families;
}
