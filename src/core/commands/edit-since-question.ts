import { isBotAccount } from "./authorize.js";

/** One edit of an issue's body, as GitHub's GraphQL names it (`editedAt`, `editor`). */
export interface BodyEditOf {
  at: string;
  /** null when GitHub no longer names the account (deleted: `ghost`) */
  editor: { login: string; type: string } | null;
}

const bareLogin = (login: string): string => login.replace(/\[bot\]$/i, "").toLowerCase();

/**
 * Whether the edit is the app's own (it writes answered fields into the body): GraphQL names a
 * bot without REST's `[bot]` suffix, so the two spellings of the app's login are one.
 */
export function isOwnEdit(edit: BodyEditOf, appLogin: string): boolean {
  return (
    edit.editor !== null &&
    isBotAccount(edit.editor.login, edit.editor.type) &&
    bareLogin(edit.editor.login) === bareLogin(appLogin)
  );
}

/**
 * From when an edit of the body is not what the owner approved: the earlier of the spec question
 * and the trigger label (the latest `labeled` event). The label approved the body as it read
 * then, and the question asked about that body; an edit the dispatch job did not see (made
 * between its read of the issue and its question) lies between the two. The earlier one also
 * keeps a label put on again after an edit (someone with triage may) from approving the edit.
 */
export function approvedSince(askedAt: string, labelledAt: string | undefined): string {
  if (labelledAt === undefined) return askedAt;
  return Date.parse(labelledAt) < Date.parse(askedAt) ? labelledAt : askedAt;
}

/**
 * The edit that says whether the body still reads as its owner approved it: the newest one since
 * then that is not the app's own (`edits` newest first). Whoever made it saw the whole body: an
 * edit by someone with authority takes what it holds, one by anyone else does not. Undefined when
 * only the app edited since.
 */
export function decidingEdit(edits: readonly BodyEditOf[], appLogin: string): BodyEditOf | undefined {
  return edits.find((edit) => !isOwnEdit(edit, appLogin));
}
