import type { RestContext } from "../rest/rest-context.js";
import type { IssueState, RepoState, SandboxUser } from "../state/index.js";

/**
 * GitHub's closing keywords (GitHub Docs, "Linking a pull request to an issue" → "using a
 * keyword"), any case, optionally followed by a colon ("Closes: #10"), then `#n` or
 * `owner/repo#n`. Each keyword names one issue: in "Closes #1, #2" only #1 is linked, as GitHub
 * reads it. A keyword inside a word ("prefixes #1") is none. A full issue URL after the keyword
 * is not read: best reading, GitHub's docs name only the two forms above.
 */
const closingKeyword =
  /(?<![\w-])(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?[ \t]+(?:([\w.-]+)\/([\w.-]+))?#(\d+)(?![\w-])/gi;

/**
 * The issue numbers `texts` close in `repo`, in order, each once. A reference to another
 * repository (`other/repo#n`) is left out: GitHub closes those too when the merger may, which
 * the sandbox does not emulate across repositories.
 */
export function closingReferences(repo: RepoState, texts: readonly string[]): number[] {
  const numbers = new Set<number>();
  for (const text of texts) {
    for (const match of text.matchAll(closingKeyword)) {
      const [, owner, name, number] = match;
      if (owner !== undefined && `${owner}/${name}`.toLowerCase() !== repo.fullName.toLowerCase()) continue;
      numbers.add(Number(number));
    }
  }
  return [...numbers];
}

/**
 * Closes every open issue `texts` name with a closing keyword as `completed`, as though `sender`
 * closed it (`issues.closed`, which records the `closed` issue event). An issue already closed is
 * left as it is, with no event; a pull request named is not closed (GitHub links and closes
 * issues only: best reading). The `closed` event's `commit_id` stays null (see the README's limits).
 */
export function closeIssuesNamed(
  ctx: Pick<RestContext, "state" | "events">,
  repo: RepoState,
  texts: readonly string[],
  sender: SandboxUser,
): void {
  for (const number of closingReferences(repo, texts)) {
    const issue = repo.issues.get(number);
    if (!issue || issue.pull || issue.state !== "open") continue;
    const now = ctx.state.iso();
    Object.assign(issue, {
      state: "closed",
      closedAt: now,
      closedBy: sender,
      stateReason: "completed",
      updatedAt: now,
    });
    ctx.events.emit({ name: "issues", action: "closed", repo, sender, issue });
  }
}

/**
 * What GitHub does once a pull request merged into the repository's default branch: the issues
 * its body or the commits it brought name with a closing keyword are closed, as though the
 * merger closed them: the timeline reads "<merger> closed this as completed in #pr", so
 * `closed_by` and the sender are the merger (best reading; GitHub documents no value for them).
 * A merge into another base closes nothing (GitHub Docs; github/docs#165). Users report GitHub
 * leaves the `closed` event's `commit_id` null for a pull request's close (PyGithub/PyGithub#1295).
 */
export async function closeLinkedIssues(
  ctx: Pick<RestContext, "state" | "events">,
  repo: RepoState,
  merged: IssueState,
  merge: { before: string; after: string },
  sender: SandboxUser,
): Promise<void> {
  const pull = merged.pull;
  if (!pull?.merged || pull.base.ref !== repo.defaultBranch) return;
  const commits = (await repo.git.compare(merge.before, merge.after)).commits;
  closeIssuesNamed(ctx, repo, [merged.body ?? "", ...commits.map((commit) => commit.message)], sender);
}
