import { describe, expect, it } from "vitest";
import { parsePrometheusText } from "./prometheus-text";

describe("the strict Prometheus text reader the metrics tests use", () => {
  it("reads families, labels with escapes and special values", () => {
    const families = parsePrometheusText(
      [
        "# HELP a_total Things.",
        "# TYPE a_total counter",
        'a_total{kind="x\\"y",path="/a/{id}"} 3',
        "# HELP h Durations.",
        "# TYPE h histogram",
        'h_bucket{le="+Inf"} 2',
        "h_sum 0.5",
        "h_count 2",
        "",
      ].join("\n"),
    );
    expect(families.get("a_total")!.samples).toEqual([
      { name: "a_total", labels: { kind: 'x"y', path: "/a/{id}" }, value: 3 },
    ]);
    expect(families.get("h")!.samples.map((sample) => sample.name)).toEqual(["h_bucket", "h_sum", "h_count"]);
  });

  it.each([
    ["a bad value", "# HELP a A.\n# TYPE a gauge\na one\n"],
    ["a bad label name", '# HELP a A.\n# TYPE a gauge\na{1x="v"} 1\n'],
    ["an unquoted label value", "# HELP a A.\n# TYPE a gauge\na{x=v} 1\n"],
    ["a sample of another family", "# HELP a A.\n# TYPE a gauge\nb 1\n"],
    ["a sample before any HELP", "a 1\n"],
    ["a comment that is neither", "# HELP a A.\n# nonsense\n"],
    ["no final newline", "# HELP a A.\n# TYPE a gauge\na 1"],
  ])("refuses %s", (_, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
