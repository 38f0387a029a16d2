import { legacyNodeId, type IssueEventDetail, type IssueEventState, type SandboxState } from "../state/index.js";
import type { EventSink, SandboxEvent } from "./sandbox-event.js";

/** GitHub's GraphQL type of each event, whose name its legacy node id carries. */
const graphqlType: Record<IssueEventState["event"], string> = {
  labeled: "LabeledEvent",
  unlabeled: "UnlabeledEvent",
  closed: "ClosedEvent",
  reopened: "ReopenedEvent",
  merged: "MergedEvent",
  review_dismissed: "ReviewDismissedEvent",
};

/**
 * The issue events a webhook-worthy change makes on GitHub, oldest first. A merge is `merged`
 * then `closed`. The `closed` event's `commit_id` is null: GitHub fills it when a commit closed
 * the issue ("Fixes #1"), which the sandbox does not do; after a merge it is the best reading.
 */
function issueEventsOf(event: SandboxEvent): { number: number; details: IssueEventDetail[] } | undefined {
  if (event.name === "issues" || event.name === "pull_request") {
    const issue = event.name === "issues" ? event.issue : event.pull;
    const { action } = event;
    if ((action === "labeled" || action === "unlabeled") && event.label) {
      const { name, color } = event.label;
      return { number: issue.number, details: [{ event: action, label: { name, color } }] };
    }
    if (action === "reopened") return { number: issue.number, details: [{ event: "reopened" }] };
    if (action !== "closed") return undefined;
    const mergeSha = issue.pull?.merged ? issue.pull.mergeCommitSha : null;
    const closed: IssueEventDetail = { event: "closed" };
    return { number: issue.number, details: mergeSha ? [{ event: "merged", commitId: mergeSha }, closed] : [closed] };
  }
  if (event.name === "pull_request_review" && event.action === "dismissed" && event.dismissal) {
    return { number: event.pull.number, details: [{ event: "review_dismissed", dismissedReview: event.dismissal }] };
  }
  return undefined;
}

/**
 * An event sink that first records, in the repository's `issueEvents`, the issue events GitHub
 * keeps for what is announced (labels, closing, reopening, merging, dismissed reviews), then
 * passes the event on: every path that changes an issue (REST, GraphQL, the merge queue, a push)
 * announces it, so none of them can leave its events out.
 */
export function recordIssueEvents(state: SandboxState, inner: EventSink): EventSink {
  return {
    emit(event) {
      const found = issueEventsOf(event);
      if (found && event.name !== "installation") {
        const createdAt = state.iso();
        for (const detail of found.details) {
          const id = state.nextId();
          const nodeId = legacyNodeId(graphqlType[detail.event], id);
          const entry: IssueEventState = {
            id,
            nodeId,
            issueNumber: found.number,
            actor: event.sender,
            createdAt,
            ...detail,
          };
          event.repo.issueEvents.push(entry);
        }
      }
      inner.emit(event);
    },
  };
}
