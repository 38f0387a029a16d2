import type { Annotation, Conclusion, GateResult } from "../gate-result.js";
import { analyzeConcordance } from "./analyze-concordance.js";
import type { ConcordanceAnalysis, ConcordanceGateInput, FindingLevel, Problem } from "./analyze-concordance.js";
import { renderConcordanceSummary } from "./render-concordance-summary.js";
import { concordanceGateName } from "./concordance-gate-name.js";

export { concordanceGateName };

/**
 * The `autopilot/concordance` check: do the commits say which blueprint ids they implement, do
 * those ids exist, and does the work cover what the task declared? Rules and levels are
 * documented in docs/blueprints.md.
 */
export function evaluateConcordanceGate(input: ConcordanceGateInput): GateResult {
  const analysis = analyzeConcordance(input);
  const problems = listProblems(analysis);
  if (input.incomplete !== undefined) {
    problems.unshift({ level: "failure", text: `change not read entirely: ${input.incomplete}` });
  }
  const conclusion: Conclusion = problems.some((p) => p.level === "failure")
    ? "failure"
    : problems.length > 0
      ? "neutral"
      : "success";
  return {
    name: concordanceGateName,
    conclusion,
    title: oneLine(titleFor(conclusion, problems, analysis), 150),
    summary: renderConcordanceSummary(input, analysis, problems),
    annotations: untracedAnnotations(analysis),
  };
}

function listProblems(a: ConcordanceAnalysis): Problem[] {
  const problems: Problem[] = [];
  const add = (level: FindingLevel, count: number, one: string, many: string): void => {
    if (count > 0) problems.push({ level, text: count === 1 ? one : `${count} ${many}` });
  };
  const short = (sha: string): string => sha.slice(0, 7);
  const unknown = a.unknownIds.filter((u) => !u.unverified);
  const unverified = a.unknownIds.filter((u) => u.unverified);
  const mismatch = a.taskMismatches[0];
  const bare = a.commits.filter((c) => c.missing.length > 0);

  add(a.indexErrorLevel, a.indexErrors.length, "blueprint index problem", "blueprint index problems");
  if (unknown.length === 1) {
    add("failure", 1, `unknown id ${unknown[0]?.id} in ${short(unknown[0]?.sha ?? "")}`, "");
  } else {
    add("failure", distinct(unknown), `unknown id ${unknown[0]?.id} in ${unknown.length} commits`, "unknown ids");
  }
  add("failure", distinct(unverified), `id ${unverified[0]?.id} not verifiable`, "ids not verifiable");
  add(
    "failure",
    a.taskMismatches.length,
    `${short(mismatch?.sha ?? "")} names task ${mismatch?.task}`,
    "commits name another task",
  );
  add(
    "failure",
    bare.length,
    `${short(bare[0]?.sha ?? "")} lacks ${bare[0]?.missing.join(", ")} trailers`,
    "commits without trailers",
  );
  if (a.untracedLevel !== "info") {
    add(a.untracedLevel, a.untraced.length, `${a.untraced[0]?.filename} not traced`, "untraced paths");
  }
  add(a.uncoveredLevel, a.uncovered.length, `declared ${a.uncovered[0]} not covered`, "declared refs not covered");
  add("warning", a.malformed.length, `malformed ref ${a.malformed[0]?.token}`, "malformed refs");
  return problems;
}

const distinct = (findings: { id: string }[]): number => new Set(findings.map((f) => f.id)).size;

function titleFor(conclusion: Conclusion, problems: Problem[], a: ConcordanceAnalysis): string {
  if (conclusion !== "success") {
    const shown = conclusion === "failure" ? problems.filter((p) => p.level === "failure") : problems;
    return shown.map((p) => p.text).join(", ");
  }
  const commits = a.commits.filter((c) => !c.merge).length;
  if (a.tracedIds.length > 0) {
    return `${plural(a.tracedIds.length, "blueprint id")} traced by ${plural(commits, "commit")}`;
  }
  if (a.untraced.length > 0) return "no blueprint ids named (not required)";
  return "nothing to trace";
}

/** Titles quote trailer values and paths from the pull request: keep them to one short line. */
function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function untracedAnnotations(a: ConcordanceAnalysis): Annotation[] {
  if (a.untracedLevel === "info") return [];
  const level = a.untracedLevel;
  // a removed file has no line 1 at the head commit to attach an annotation to; the table lists it
  return a.untraced
    .filter((file) => file.status !== "removed")
    .map((file) => ({
      path: file.filename,
      start_line: 1,
      end_line: 1,
      annotation_level: level,
      title: "Not traced to a blueprint id",
      message:
        "No commit of this pull request names a known NT/TD/WBS id. Add a trailer such as " +
        "`Refs: NT-0001` or `WBS: WBS-003` to a commit, or list the path in concordance.exempt_paths.",
    }));
}
