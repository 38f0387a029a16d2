import type { GateResult } from "../core/gate-result.js";

const mark = { success: "✓", failure: "✗", neutral: "–" } as const;

/** Gate results as a terminal reads them: one line per check, then its annotations. */
export function renderGateResults(results: GateResult[]): string {
  const width = Math.max(...results.map((r) => r.name.length));
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${mark[r.conclusion]} ${r.name.padEnd(width)}  ${r.conclusion.padEnd(7)}  ${r.title}`);
    for (const a of r.annotations) {
      lines.push(`    ${a.path}:${a.start_line}  ${a.annotation_level}  ${a.message.split("\n")[0]}`);
    }
  }
  const failed = results.filter((r) => r.conclusion === "failure").map((r) => r.name);
  lines.push("", failed.length ? `failed: ${failed.join(", ")}` : "no gate failed");
  return `${lines.join("\n")}\n`;
}
