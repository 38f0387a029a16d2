import type { ApprovalReview } from "./merge-input.js";
import { normalizeLogin } from "./normalize-login.js";

export interface ApprovalInput {
  reviews: readonly ApprovalReview[];
  owners: readonly string[];
  agent: readonly string[];
  /** the PR's author: nobody approves their own change */
  author: string;
  headSha: string;
  /** named owners GitHub gives no write access (not in `owners`): their approval is said not to count, and why */
  withoutWriteAccess?: readonly string[];
}

export interface ApprovalCount {
  /** owners whose latest verdict is an approval of the head, in the order they approved */
  approvedBy: string[];
  /** one line per reviewer whose verdict does not count, and why */
  notCounted: string[];
}

const isBot = (login: string): boolean => login.endsWith("[bot]");

/** Verdict states: a plain comment or a pending draft review leaves the reviewer's verdict as it was. */
const verdictStates = new Set<ApprovalReview["state"]>(["APPROVED", "CHANGES_REQUESTED", "DISMISSED"]);

const timeOf = (review: ApprovalReview): number => Date.parse(review.submittedAt ?? "");

/** Each reviewer's latest verdict, oldest reviewer first; equal times keep GitHub's list order. */
export function latestVerdicts(reviews: readonly ApprovalReview[]): ApprovalReview[] {
  const ordered = reviews
    .map((review, index) => ({ review, index }))
    .filter(({ review }) => verdictStates.has(review.state) && !Number.isNaN(timeOf(review)))
    .sort((a, b) => timeOf(a.review) - timeOf(b.review) || a.index - b.index);
  const latest = new Map<string, ApprovalReview>();
  for (const { review } of ordered) {
    const login = normalizeLogin(review.user);
    latest.delete(login);
    latest.set(login, review);
  }
  return [...latest.values()];
}

/**
 * The approvals that satisfy an `approval` cell: from an owner who is neither one of the change's
 * own accounts (the agent and its accounts, anyone who authored or committed its commits), a bot,
 * nor the PR's author (an owner GitHub gives no write access is not in `owners`), whose latest verdict is APPROVED (a later CHANGES_REQUESTED or a dismissal
 * cancels it), given on the current head (an approval of an older commit did not see the code
 * that would merge).
 */
export function countApprovals(input: ApprovalInput): ApprovalCount {
  const owners = new Set(input.owners.map(normalizeLogin));
  const agent = new Set(input.agent.map(normalizeLogin));
  const author = normalizeLogin(input.author);
  const withoutWrite = new Set((input.withoutWriteAccess ?? []).map(normalizeLogin));
  const approvedBy: string[] = [];
  const notCounted: string[] = [];

  for (const review of latestVerdicts(input.reviews)) {
    const login = normalizeLogin(review.user);
    const who = review.user.replace(/^@/, "");
    if (review.state !== "APPROVED") {
      const verdict = review.state === "DISMISSED" ? "had their review dismissed" : "requested changes";
      if (owners.has(login)) notCounted.push(`${who} ${verdict}`);
      continue;
    }
    if (agent.has(login) || isBot(login)) notCounted.push(`${who} is the agent, a bot, or wrote or pushed this change`);
    else if (login === author) notCounted.push(`${who} wrote the pull request`);
    else if (withoutWrite.has(login)) notCounted.push(`${who} has no write access to this repository`);
    else if (!owners.has(login)) notCounted.push(`${who} is not an owner`);
    else if (review.commitId !== input.headSha) {
      notCounted.push(`${who} approved ${review.commitId.slice(0, 7)}, not the head ${input.headSha.slice(0, 7)}`);
    } else approvedBy.push(who);
  }
  return { approvedBy, notCounted };
}

/**
 * The owners whose latest verdict asks for changes, on whichever head they reviewed: a person's
 * objection holds every merge, under any policy cell, until they approve or their review is
 * dismissed. The change's declared accounts (`declaredAccounts`), bots and the PR's author are
 * left out (the agent cannot hold or steer its own merge this way); anyone who is not an owner is
 * not counted either. A commit's author is not left out: a commit claims any account by its
 * e-mail, so the agent would otherwise erase an owner's objection with one forged commit.
 */
export function changesRequestedBy(
  input: Omit<ApprovalInput, "headSha" | "agent"> & { declaredAccounts: readonly string[] },
): string[] {
  const owners = new Set(input.owners.map(normalizeLogin));
  const agent = new Set(input.declaredAccounts.map(normalizeLogin));
  const author = normalizeLogin(input.author);
  return latestVerdicts(input.reviews)
    .filter((review) => review.state === "CHANGES_REQUESTED")
    .filter((review) => {
      const login = normalizeLogin(review.user);
      return owners.has(login) && !agent.has(login) && !isBot(login) && login !== author;
    })
    .map((review) => review.user.replace(/^@/, ""));
}
