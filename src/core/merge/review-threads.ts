import { normalizeLogin } from "./normalize-login.js";

/** A review thread of a pull request, as the merge reads it (the port's `ReviewThread`). */
export interface ReviewThreadView {
  id: string;
  isResolved: boolean;
  path: string;
  line: number | null;
  /** its comments' authors, first first; null for a deleted account */
  authors: readonly ({ login: string; bot: boolean } | null)[];
  /** whether `authors` holds every comment */
  complete: boolean;
}

/** An unresolved thread the merge waits on: where it is and who opened it. */
export interface OpenThread {
  path: string;
  line: number | null;
  /** the login of its first comment's author; undefined for a deleted account */
  openedBy?: string;
}

/**
 * Whether the thread is the app's own: every comment (all of them read) by the app's bot account.
 * A person's reply, a deleted account, or a user whose login merely resembles the app's (GitHub
 * types an app's account `Bot`) makes it someone else's, which only a person resolves.
 */
export const ownThread = (thread: ReviewThreadView, appLogin: string): boolean =>
  thread.complete &&
  thread.authors.length > 0 &&
  thread.authors.every((author) => author?.bot === true && normalizeLogin(author.login) === normalizeLogin(appLogin));

/** The unresolved threads, split into the app's own (it may resolve them) and everyone else's. */
export function unresolvedThreads(
  threads: readonly ReviewThreadView[],
  appLogin: string,
): { own: ReviewThreadView[]; others: ReviewThreadView[] } {
  const open = threads.filter((thread) => !thread.isResolved);
  return {
    own: open.filter((thread) => ownThread(thread, appLogin)),
    others: open.filter((thread) => !ownThread(thread, appLogin)),
  };
}

export const openThreadOf = (thread: ReviewThreadView): OpenThread => {
  const opener = thread.authors[0]?.login;
  return { path: thread.path, line: thread.line, ...(opener === undefined ? {} : { openedBy: opener }) };
};
