import { normalizeLogin } from "./normalize-login.js";

/** The part of GitHub's rules for a branch (`GET /rules/branches/{branch}`) this reads. */
interface RuleView {
  type: string;
  parameters?: { required_review_thread_resolution?: boolean } | object;
}

/** Whether GitHub's rules for a branch require every review conversation resolved (a `pull_request` rule's `required_review_thread_resolution`). */
export const rulesRequireResolution = (rules: readonly RuleView[] | undefined): boolean =>
  (rules ?? []).some(
    (rule) =>
      rule.type === "pull_request" &&
      (rule.parameters as { required_review_thread_resolution?: boolean } | undefined)
        ?.required_review_thread_resolution === true,
  );

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
  /** on a resolved thread, when read: who resolved it (null: GitHub names no user, an app's bot) */
  resolvedBy?: string | null;
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

/** A person's conversation resolved by someone who may not settle it: where, who opened it, who resolved it. */
export interface SettledThread extends OpenThread {
  /** null: GitHub names no user (an app's bot) */
  resolvedBy: string | null;
}

/**
 * The resolved conversations that still count as open, on a base that requires every conversation
 * resolved before a merge: GitHub counts any writer's "Resolve conversation", the coding agent's
 * account included, so an agent could settle an owner's objection on a line by resolving it. A
 * thread someone other than the change's declared accounts opened counts as settled only when its
 * opener resolved it, or an owner who is none of the change's own accounts; never a bot. The app's
 * own threads, and threads the declared accounts opened, are theirs to resolve. A commit's author
 * is only claimed (its e-mail names any account), so a thread its claimed author opened is still
 * a person's objection. A thread whose resolver was not read (`resolvedBy` undefined) is taken as
 * settled.
 */
export function settledWithoutStanding(
  threads: readonly ReviewThreadView[],
  appLogin: string,
  facts: { owners: readonly string[]; changeAccounts: readonly string[]; declaredAccounts: readonly string[] },
): SettledThread[] {
  const declared = new Set([appLogin, ...facts.declaredAccounts].map(normalizeLogin));
  const own = new Set([...declared, ...facts.changeAccounts.map(normalizeLogin)]);
  const owners = new Set(facts.owners.map(normalizeLogin));
  return threads.flatMap((thread) => {
    if (!thread.isResolved || thread.resolvedBy === undefined || ownThread(thread, appLogin)) return [];
    const opener = thread.authors[0];
    // the change's declared accounts' threads (and a deleted account's) are not a person's objection
    if (opener === null || opener === undefined || declared.has(normalizeLogin(opener.login)) || opener.bot) return [];
    const resolver = thread.resolvedBy === null ? undefined : normalizeLogin(thread.resolvedBy);
    // its opener withdraws their own objection even when a commit claims them; another owner
    // settles it only when no commit names them either
    const standing =
      resolver !== undefined &&
      !resolver.endsWith("[bot]") &&
      !declared.has(resolver) &&
      (resolver === normalizeLogin(opener.login) || (owners.has(resolver) && !own.has(resolver)));
    return standing ? [] : [{ ...openThreadOf(thread), resolvedBy: thread.resolvedBy }];
  });
}
