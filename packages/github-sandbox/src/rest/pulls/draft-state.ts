import { SandboxHttpError } from "../../http/index.js";
import type { RepoState, SandboxState, SandboxUser } from "../../state/index.js";
import type { RestContext } from "../rest-context.js";
import { touch, type PullIssue } from "./pull-access.js";

/** GitHub's words when a repository has no draft pull requests (REST 422; GraphQL UNPROCESSABLE). */
export const draftsUnsupportedMessage = "Draft pull requests are not supported in this repository.";

/**
 * Whether GitHub offers draft pull requests in `repo`: in public repositories on every plan, in
 * private ones on GitHub Team and Enterprise Cloud only (GitHub's REST description of the pulls
 * endpoints). No API tells an app the owner's plan; GitHub refuses the draft instead.
 */
export function draftsAvailable(state: SandboxState, repo: RepoState): boolean {
  if (!repo.private) return true;
  const plan = state.planOf(repo.owner.login);
  return plan === "team" || plan === "enterprise";
}

/** GitHub's 422 for a draft where the repository has none: a message alone, no `errors`. */
export function draftsUnsupported(): SandboxHttpError {
  return new SandboxHttpError(422, draftsUnsupportedMessage);
}

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
  if (draft && !draftsAvailable(ctx.state, repo)) throw draftsUnsupported();
  issue.pull.draft = draft;
  touch(ctx, issue);
  const action = draft ? "converted_to_draft" : "ready_for_review";
  ctx.events.emit({ name: "pull_request", action, repo, sender, pull: issue });
}
