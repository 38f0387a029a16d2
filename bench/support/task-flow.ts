/**
 * The steps of a task as the people around Autopilot take them on the sandbox: an owner writes a
 * spec, a coding agent pushes through the Git Data API, the author marks the PR ready. Scripted
 * review ports stand in for the models. The steps the demo also takes are the demo's own.
 */
export { markReady, pushCommit, repoRef } from "../../dev/demo/actors.js";
export { scriptedReviewers } from "../../dev/demo/reviewers.js";

/** An issue body with a complete task spec. */
export function taskSpec(scope: string, risk = "medium"): string {
  return [
    "Widget lists should come in pages.",
    "",
    "```autopilot",
    `scope: ["${scope}"]`,
    `risk: ${risk}`,
    "refs: [NT-0012]",
    "acceptance:",
    '  - "GET /widgets returns 50 widgets per page"',
    "```",
  ].join("\n");
}

/** The agent's commit message: the trailers the gates look for. */
export const agentMessage = (issue: number, subject: string): string =>
  `${subject}\n\nTask: T-${issue}\nRefs: NT-0012\n`;
