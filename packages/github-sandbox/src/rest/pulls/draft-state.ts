import type { RepoState, SandboxUser } from "../../state/index.js";
import type { RestContext } from "../rest-context.js";
import { touch, type PullIssue } from "./pull-access.js";

/**
 * Marks a pull request ready for review (`draft: false`) or converts it to a draft, emitting
 * `pull_request.ready_for_review` / `converted_to_draft`; nothing happens when it already is.
 */
export function setDraft(
  ctx: RestContext,
  repo: RepoState,
  issue: PullIssue,
  draft: boolean,
  sender: SandboxUser,
): void {
  if (issue.pull.draft === draft) return;
  issue.pull.draft = draft;
  touch(ctx, issue);
  const action = draft ? "converted_to_draft" : "ready_for_review";
  ctx.events.emit({ name: "pull_request", action, repo, sender, pull: issue });
}
