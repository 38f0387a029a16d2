import type { GoneIssueState, IssueState, LabelState, RepoState } from "./repo-state.js";
import type { SandboxState } from "./sandbox-state.js";
import { legacyNodeId, type SandboxUser } from "./sandbox-user.js";

/** What the issue keeps in its new repository: the caller has matched labels and assignees there. */
export interface TransferredParts {
  labels: LabelState[];
  assignees: SandboxUser[];
}

function goneIssues(repo: RepoState): Map<number, GoneIssueState> {
  repo.goneIssues ??= new Map();
  return repo.goneIssues;
}

/**
 * Moves `issue` out of `from` into `to` as its next number, with its title, body, author, state,
 * lock and creation time, and its comments, reactions and events (their ids kept). The issue
 * gets new ids: best reading, GitHub makes a new issue record in the target repository. `from`
 * keeps the old number as a pointer to the new one.
 */
export function moveIssue(
  state: SandboxState,
  from: RepoState,
  issue: IssueState,
  to: RepoState,
  parts: TransferredParts,
): IssueState {
  const id = state.nextId();
  const moved: IssueState = {
    ...issue,
    id,
    nodeId: legacyNodeId("Issue", id),
    number: to.nextNumber++,
    labels: parts.labels,
    assignees: parts.assignees,
    updatedAt: state.iso(),
  };
  to.issues.set(moved.number, moved);
  from.issues.delete(issue.number);
  goneIssues(from).set(issue.number, { kind: "transferred", repo: to, number: moved.number });

  for (const comment of [...from.comments.values()]) {
    if (comment.issueNumber !== issue.number) continue;
    from.comments.delete(comment.id);
    to.comments.set(comment.id, { ...comment, issueNumber: moved.number });
  }
  const commentIds = new Set([...to.comments.values()].filter((c) => c.issueNumber === moved.number).map((c) => c.id));
  for (const reaction of [...from.reactions.values()]) {
    const { subject } = reaction;
    const onIssue = subject.kind === "issue" && subject.number === issue.number;
    if (!onIssue && !(subject.kind === "issue_comment" && commentIds.has(subject.id))) continue;
    from.reactions.delete(reaction.id);
    to.reactions.set(
      reaction.id,
      onIssue ? { ...reaction, subject: { kind: "issue", number: moved.number } } : reaction,
    );
  }
  const events = from.issueEvents.filter((event) => event.issueNumber === issue.number);
  from.issueEvents = from.issueEvents.filter((event) => event.issueNumber !== issue.number);
  to.issueEvents.push(...events.map((event) => ({ ...event, issueNumber: moved.number })));
  return moved;
}

/** Removes `issue` with its comments, reactions and events; the number stays taken, as deleted. */
export function removeIssue(state: SandboxState, repo: RepoState, issue: IssueState, by: SandboxUser): void {
  repo.issues.delete(issue.number);
  goneIssues(repo).set(issue.number, { kind: "deleted", at: state.iso(), by });
  const commentIds = new Set<number>();
  for (const comment of [...repo.comments.values()]) {
    if (comment.issueNumber !== issue.number) continue;
    commentIds.add(comment.id);
    repo.comments.delete(comment.id);
  }
  for (const reaction of [...repo.reactions.values()]) {
    const { subject } = reaction;
    if (
      (subject.kind === "issue" && subject.number === issue.number) ||
      (subject.kind === "issue_comment" && commentIds.has(subject.id))
    )
      repo.reactions.delete(reaction.id);
  }
  repo.issueEvents = repo.issueEvents.filter((event) => event.issueNumber !== issue.number);
}

/**
 * Where a gone number leads: following transfers (an issue may move on again) to the issue's
 * current repository and number, or to its deletion. Undefined for a number that was never gone.
 */
export function followGoneIssue(
  repo: RepoState,
  number: number,
): { kind: "transferred"; repo: RepoState; number: number } | { kind: "deleted"; repo: RepoState } | undefined {
  let gone = repo.goneIssues?.get(number);
  if (!gone) return undefined;
  let at: { repo: RepoState; number: number } = { repo, number };
  for (let hops = 0; gone && hops < 100; hops += 1) {
    if (gone.kind === "deleted") return { kind: "deleted", repo: at.repo };
    at = { repo: gone.repo, number: gone.number };
    gone = at.repo.goneIssues?.get(at.number);
  }
  return { kind: "transferred", ...at };
}
