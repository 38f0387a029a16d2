import { commentJson } from "../represent/comment.js";
import { issueJson } from "../represent/issue.js";
import { labelJson } from "../represent/label.js";
import { repositoryJson, userJson, type Links } from "../represent/index.js";
import type { SandboxState } from "../state/index.js";
import { basePayload, type Payload } from "./payload-base.js";
import type { SandboxEvent } from "./sandbox-event.js";

type IssuesEvent = Extract<SandboxEvent, { name: "issues" }>;
type CommentEvent = Extract<SandboxEvent, { name: "issue_comment" }>;

/** `issues`: the issue as the REST API shows it, plus the label, assignee or changes of the action. */
export function issuesPayload(state: SandboxState, links: Links, event: IssuesEvent): Payload {
  const payload = basePayload(state, links, "issues", event.action, event.repo, event.sender);
  payload.issue = issueJson(event.repo, event.issue, links);
  delete payload.label;
  delete payload.assignee;
  delete payload.changes;
  if (event.label) payload.label = labelJson(event.label, event.repo, links);
  if (event.assignee) payload.assignee = userJson(event.assignee, links);
  if (event.changes) payload.changes = event.changes;
  if (event.transfer) payload.changes = transferChanges(state, links, event.transfer);
  return payload;
}

/** `changes` of `issues.transferred`: the issue in its new repository, and that repository. */
function transferChanges(state: SandboxState, links: Links, transfer: NonNullable<IssuesEvent["transfer"]>): Payload {
  const repo = state.getRepo(transfer.owner, transfer.name);
  if (!repo) throw new Error(`sandbox: no repository ${transfer.owner}/${transfer.name} for issues.transferred`);
  // webhook repositories name no organization object, as `basePayload` writes `repository`
  const { organization: _organization, ...repository } = repositoryJson(repo, links, {
    defaultBranch: repo.defaultBranch,
  });
  return { new_issue: issueJson(repo, transfer.issue, links), new_repository: repository };
}

/** `issue_comment`: the comment and the issue (or pull request) it is on. */
export function issueCommentPayload(state: SandboxState, links: Links, event: CommentEvent): Payload {
  const payload = basePayload(state, links, "issue_comment", event.action, event.repo, event.sender);
  payload.issue = issueJson(event.repo, event.issue, links);
  payload.comment = commentJson(event.repo, event.comment, links);
  delete payload.changes;
  if (event.changes) payload.changes = event.changes;
  return payload;
}
