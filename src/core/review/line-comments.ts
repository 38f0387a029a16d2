import { codeSpan, inlineText } from "../markdown-text.js";
import type { AssistantManagerFindings } from "./review-schemas.js";
import { parseHunkHeader, splitHunks } from "./split-hunks.js";

/** Marks the app's line reviews, so the next review finds and hides them as outdated. */
export const lineReviewMarker = "<!-- autopilot:review-lines -->";

/** A comment on one line of the PR's new version. */
export interface LineComment {
  path: string;
  line: number;
  body: string;
}

/**
 * The lines of the new version a review comment may sit on: the added and context lines of the
 * file's hunks (GitHub refuses a whole review when one comment is anywhere else).
 */
export function commentableLines(patch: string): Set<number> {
  const lines = new Set<number>();
  for (const hunk of splitHunks(patch).hunks) {
    const [header = "", ...rest] = hunk.split("\n");
    const start = parseHunkHeader(header);
    if (start === undefined) continue;
    let next = start.newStart;
    for (const line of rest) {
      if (line.startsWith("-") || line.startsWith("\\")) continue;
      if (line === "" && rest.at(-1) === line) continue;
      lines.add(next);
      next += 1;
    }
  }
  return lines;
}

/** A suggestion GitHub can apply in one click: a fence longer than any backtick run inside. */
function suggestionBlock(replacement: string): string {
  const longest = Math.max(2, ...[...replacement.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}suggestion\n${replacement.replace(/\n$/, "")}\n${fence}`;
}

/** Most severe first. */
const severityRank = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/**
 * One comment per risk on the first line of its evidence that the diff shows (a risk whose
 * evidence is elsewhere stays in the summary comment only), with a ```suggestion block when the
 * red team gave a replacement for that line, the most severe risks first (the caller keeps as
 * many as `review.max_line_comments` allows). Every model text is escaped: the comments mention
 * nobody, link nowhere and render no HTML.
 */
export function riskLineComments(
  findings: AssistantManagerFindings,
  files: ReadonlyArray<{ filename: string; patch?: string | null }>,
): LineComment[] {
  const anchors = new Map(files.map((file) => [file.filename, commentableLines(file.patch ?? "")]));
  const comments: LineComment[] = [];
  const bySeverity = [...findings.risks].sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
  for (const risk of bySeverity) {
    const at = risk.evidence.find(
      (evidence) => evidence.line !== null && anchors.get(evidence.file)?.has(evidence.line),
    );
    if (at === undefined || at.line === null) continue;
    const body = [`**${risk.severity}** ${codeSpan(inlineText(risk.id, 20))}: ${inlineText(risk.description, 1_000)}`];
    const { suggestion } = risk;
    if (typeof suggestion === "string" && suggestion.length <= 2_000) body.push("", suggestionBlock(suggestion));
    comments.push({ path: at.file, line: at.line, body: body.join("\n") });
  }
  return comments;
}
