import type { BodyEditState } from "./body-edit-state.js";
import type { IssueState } from "./repo-state.js";
import type { SandboxState } from "./sandbox-state.js";
import { legacyNodeId, type SandboxUser } from "./sandbox-user.js";

/**
 * Replaces the body of `issue` as `editor` did it `at`, and keeps the history GitHub keeps: nothing
 * at creation; on the first edit the created version (by the author, at creation, which is what
 * `includesCreatedEdit` reports) and then the edit; one more version per later edit. A body set
 * to what it already is changes nothing and records nothing, as GitHub sends no `issues.edited`
 * for it either (best reading: GitHub does not document it). Only the body is tracked: a title
 * change is a `renamed` event in the timeline, never a `UserContentEdit`, and leaves
 * `lastEditedAt` as it was (GitHub's "edited" history shows the description only, and clients
 * read renames from `RenamedTitleEvent`s beside `userContentEdits`).
 */
export function editBody(
  state: SandboxState,
  issue: IssueState,
  editor: SandboxUser,
  body: string | null,
  at: string = state.iso(),
): void {
  if (body === issue.body) return;
  const edits = (issue.bodyEdits ??= []);
  const version = (by: SandboxUser, when: string, text: string | null): BodyEditState => {
    const id = state.nextId();
    return { id, nodeId: legacyNodeId("UserContentEdit", id), editor: by, editedAt: when, createdAt: when, body: text };
  };
  if (edits.length === 0) edits.push(version(issue.user, issue.createdAt, issue.body));
  edits.push(version(editor, at, body));
  issue.body = body;
}

/** The last edit of the body (not its created version), or undefined for a body never edited. */
export const lastBodyEdit = (issue: IssueState): BodyEditState | undefined =>
  issue.bodyEdits && issue.bodyEdits.length > 1 ? issue.bodyEdits.at(-1) : undefined;
