import { redactUntrusted } from "./disarm-markdown.js";

export interface RedactedIssueText {
  title: string;
  body: string | null;
  /** how many credentials were taken out of the title and body together */
  redactions: number;
}

/**
 * An issue's title and body as Autopilot may copy them into the task file, the queue, the PR and
 * its replies: hidden content removed (what the parser would remove anyway) and every credential
 * replaced by `[REDACTED:<rule>]`. The app must not commit a credential an owner pasted: it would
 * stay in git history, and the task's own secrets gate would fail on the app's file forever.
 */
export function redactIssueText(issue: { title: string; body: string | null }): RedactedIssueText {
  const title = redactUntrusted(issue.title);
  const body = issue.body === null ? undefined : redactUntrusted(issue.body);
  return { title: title.text, body: body?.text ?? null, redactions: title.redactions + (body?.redactions ?? 0) };
}

/**
 * The one comment telling the owner that a credential was pasted where Autopilot reads: it was
 * copied nowhere, but it is exposed and must be rotated (GitHub keeps every edit of an issue or
 * comment, so deleting the text does not take it back). It names nothing of the credential.
 */
export const credentialNotice = (): string =>
  [
    "⚠️ **A credential was found in this thread** (the title, the description or a command comment). Autopilot",
    "redacted it from everything it writes (the task file, `ops/queue.jsonl`, the pull request and its comments),",
    "and the task goes on with the redacted text.",
    "",
    "**Rotate it now**: anyone who can read this repository could see it, and removing it from the text is not",
    "enough, because GitHub keeps the edit history of issues and comments. Then remove it from the text (and",
    "delete the old revisions in the edit history) so nobody copies it again.",
  ].join("\n");
